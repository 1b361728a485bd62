namespace PakAzBot.Core.Dates;

/// <summary>A date expression found in text: where it stands, what it says, and what it means.</summary>
/// <param name="Start">Character offset of the expression in the text.</param>
/// <param name="Length">Length of the expression in characters.</param>
/// <param name="Text">The expression exactly as written.</param>
/// <param name="Date">The normalized date.</param>
public sealed record DateMention(int Start, int Length, string Text, PartialDate Date);
