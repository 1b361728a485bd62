using PakAzBot.Core.Answering;

namespace PakAzBot.Core.Text;

/// <summary>
/// The one cleanup every surface and the answer engine apply to a question before anything reads it: chat markup,
/// HTML, invisible characters and the chatter around the question go; the question's own words stay verbatim.
/// </summary>
/// <remarks>
/// <para>Total: any string, including lone surrogates, pure markup and megabytes, gives a result without throwing.
/// The result has no control characters, lone surrogates or invisible characters, single spaces, no typographic
/// quotes, and at most <see cref="Answerer.MaxQuestionLength"/> characters.</para>
/// <para>Idempotent: the steps are repeated until they change nothing, so a surface and the engine can both apply it.
/// Repetition is what makes that hold for markup that only appears once another step has run (an entity that decodes
/// to a tag, chatter revealed by removing a mention); after the first pass each pass that changes the text shortens it,
/// so it stops.</para>
/// </remarks>
public static class QuestionNormalizer
{
    // A question is at most 500 characters, and markup seldom takes more than a few times its text, so looking
    // further only costs time; Discord messages hold 4,000 characters.
    private const int MaxInput = 16 * 1024;

    // A cut may not leave less than this share of the limit: one very long word is cut inside rather than dropped.
    private const int ShortestWordCut = Answerer.MaxQuestionLength / 2;

    public static string Normalize(string question)
    {
        if (string.IsNullOrEmpty(question))
        {
            return "";
        }

        var text = Pass(question.Length > MaxInput ? question[..MaxInput] : question);
        for (var pass = 0; pass <= Answerer.MaxQuestionLength; pass++)
        {
            var again = Pass(text);
            if (again == text)
            {
                break;
            }

            text = again;
        }

        return text;
    }

    private static string Pass(string text)
    {
        // Decoding first lets the character filter see what entities stand for (&#8203;, &#0;).
        text = System.Net.WebUtility.HtmlDecode(text);
        text = QuestionCharacters.Filter(text);
        text = ChatMarkup.Strip(text);
        text = QuestionCharacters.FoldQuotes(text);
        text = ComposedForm(text);
        text = QuestionCharacters.FoldWhiteSpace(text);
        text = Chatter.Strip(text);
        return Cut(text);
    }

    // NFC, so a letter typed as base and combining accent matches the same letter precomposed. Note that with
    // InvariantGlobalization (Directory.Build.props) .NET has no normalization data and returns the text as it is.
    private static string ComposedForm(string text)
    {
        try
        {
            return text.Normalize();
        }
        catch (ArgumentException)
        {
            // ICU refuses text it considers invalid; the filter has removed every case known to cause that.
            return text;
        }
    }

    // At the last space within the limit, unless that would drop half of it.
    private static string Cut(string text)
    {
        if (text.Length <= Answerer.MaxQuestionLength)
        {
            return text;
        }

        var space = text.LastIndexOf(' ', Answerer.MaxQuestionLength);
        if (space >= ShortestWordCut)
        {
            return text[..space].TrimEnd();
        }

        var end = char.IsHighSurrogate(text[Answerer.MaxQuestionLength - 1]) ? Answerer.MaxQuestionLength - 1 : Answerer.MaxQuestionLength;
        return text[..end];
    }
}
