using System.Text.RegularExpressions;

namespace PakAzBot.Core.Answering;

/// <summary>Tells what kind of answer a question wants, from its wording alone.</summary>
public static partial class QuestionClassifier
{
    public static QuestionType Classify(string question)
    {
        var q = Lead().Replace(question.Trim().ToLowerInvariant(), "");
        if (Start(q) is { } type)
        {
            return type;
        }

        // "doing a project on commodities. what does azerbaijan sell to pakistan?": the question is a later clause.
        if (Clause(question) is { } clause && Start(Lead().Replace(clause.Trim().ToLowerInvariant(), "")) is { } inClause)
        {
            return inClause;
        }

        // Keyword queries ("venue of the photo show", "the 1995 trade pact ended when") say what they want anywhere.
        return Anywhere().Match(q) is { Success: true } m
            ? m.Value switch
            {
                "when" or "date" or "year" or "which day" or "what day" or "which month" or "what month" or "which decade" or "what decade" => QuestionType.When,
                "where" or "venue" or "location" => QuestionType.Where,
                "who" => QuestionType.Who,
                "why" => QuestionType.Why,
                _ => QuestionType.HowMany,
            }
            : QuestionType.Other;
    }

    /// <summary>
    /// The clause of a message that asks (the first one after the message's start that opens like a question, those
    /// ending in '?' first), when the message does not open with its question; null when none does.
    /// </summary>
    public static string? Clause(string question)
    {
        var clauses = ClauseBreak().Split(question).Select(c => c.Trim()).Where(c => c.Length > 0).Skip(1).ToList();
        return clauses.Where(c => c.EndsWith('?')).Concat(clauses.Where(c => !c.EndsWith('?')))
            .FirstOrDefault(c => Start(Lead().Replace(c.ToLowerInvariant(), "")) is not null);
    }

    private static QuestionType? Start(string q)
    {
        if (When().IsMatch(q))
        {
            return QuestionType.When;
        }

        if (HowMany().IsMatch(q) || Figure().IsMatch(q))
        {
            return QuestionType.HowMany;
        }

        if (Where().IsMatch(q))
        {
            return QuestionType.Where;
        }

        if (Why().IsMatch(q))
        {
            return QuestionType.Why;
        }

        if (Called().IsMatch(q))
        {
            return QuestionType.Name;
        }

        if (Who().IsMatch(q))
        {
            return QuestionType.Who;
        }

        if (q.StartsWith("which ", StringComparison.Ordinal) || q.StartsWith("what kind", StringComparison.Ordinal)
            || q.StartsWith("what type", StringComparison.Ordinal))
        {
            return QuestionType.Which;
        }

        if (q.StartsWith("what", StringComparison.Ordinal) || q.StartsWith("how ", StringComparison.Ordinal))
        {
            return QuestionType.What;
        }

        return YesNo().IsMatch(q) ? QuestionType.YesNo : null;
    }

    // After a sentence's end or a comma: "good morning! doing a project. what does …", "curious, when did …".
    [GeneratedRegex(@"(?<=[.!?;,])\s+")]
    private static partial Regex ClauseBreak();

    /// <summary>
    /// What a "who is the …" / "what is the … of …" question asks about: its head word ("president" in "Who is the
    /// president of Armenia?", "minister" in "Who is Azerbaijan's foreign minister?") and the words that qualify it
    /// ("azerbaijan", "foreign"). Null when the question has no such head, or only a generic one ("the name of").
    /// </summary>
    public static (string Head, IReadOnlyList<string> Modifiers)? Focus(string question)
    {
        var q = Lead().Replace(question.Trim().ToLowerInvariant(), "");
        if (Start(q) is null && Clause(question) is { } clause)
        {
            q = Lead().Replace(clause.Trim().ToLowerInvariant(), "");
        }

        var m = FocusPattern().Match(q);
        if (!m.Success)
        {
            // "Who succeeded Sohail Mahmood as Pakistan's Foreign Secretary?" asks about a role too.
            m = AsRole().Match(q);
            if (!m.Success || !q.StartsWith("who", StringComparison.Ordinal))
            {
                return null;
            }
        }

        var (owner, phrase) = (m.Groups[1], m.Groups[2].Value);
        if (GenericHeads.Contains(phrase.Split(' ')[^1]) && OfPhrase().Match(q, m.Index + m.Length) is { Success: true } of)
        {
            // "What is the name of Azerbaijan's envoy?" asks about the envoy.
            (owner, phrase) = (of.Groups[1], of.Groups[2].Value);
        }

        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (GenericHeads.Contains(words[^1]))
        {
            return null;
        }

        var modifiers = words[..^1].ToList();
        if (owner.Success)
        {
            modifiers.Insert(0, owner.Value);
        }

        return (words[^1], modifiers);
    }

    private static readonly HashSet<string> GenericHeads = new(StringComparer.Ordinal)
    {
        "name", "names", "kind", "type", "sort", "thing", "things", "one", "ones", "body", "part", "role", "purpose",
        "significance", "meaning", "status", "story", "point", "idea", "situation", "state", "nature", "basis",
    };

    /// <summary>True when a which/who question asks for a country rather than a person.</summary>
    public static bool AsksForCountry(string question) => Country().IsMatch(question.ToLowerInvariant());

    // Openers that do not change the kind of question: "so, ", "tell me ", "do you know ", "please ".
    [GeneratedRegex(@"^(?:(?:and|so|ok|okay|hey|hi|please|pakazbot)[,!]?\s+|(?:can|could) you (?:tell me|say)\s+|tell me\s+|do you know\s+|i (?:want|would like) to know\s+)+")]
    private static partial Regex Lead();

    [GeneratedRegex(@"^(?:when\b|since when\b|(?:(?:in|on|during|at|by|from) )?(?:what|which) (?:year|month|date|day|decade|time)\b|(?:what|which)(?:'s|’s| is| was| will be| would be) the (?:(?:earliest|first|last|latest|exact|expected|planned|new|target|start|starting|end|closing|opening) )?(?:year|date|day|month|decade)\b|how long ago\b)")]
    private static partial Regex When();

    [GeneratedRegex(@"^how (?:many|much|large|big|old|long|far)\b")]
    private static partial Regex HowMany();

    // "What was the trade turnover ...?" asks for a figure even though it starts with "what".
    [GeneratedRegex(@"^what (?:(?:is|was|were|are) (?:the )?(?:\w+ ){0,3})?(?:turnover|volume|amount|number|value|figure|total|size|count|sum|price|prices|cost|worth|percentage|share|age)\b")]
    private static partial Regex Figure();

    [GeneratedRegex(@"^(?:where\b|(?:in|at) (?:what|which) (?:place|city|venue|location|building|country)\b|(?:what|which) (?:place|city|venue|location|building)\b)")]
    private static partial Regex Where();

    [GeneratedRegex(@"^(?:why\b|how come\b|for what reason\b|what (?:is|was|are|were) the reasons? (?:for|why|behind)\b)")]
    private static partial Regex Why();

    [GeneratedRegex(@"^(?:who(?:m|se|'s)?\b|which (?:(?:two|three|\d+) )?(?:person|persons|people|official|officials|minister|ministers|leader|leaders|diplomat|diplomats|country|countries|nation|nations|state|states|side|government)\b|what (?:country|countries|nation|nations)\b)")]
    private static partial Regex Who();

    [GeneratedRegex(@"\b(?:which|what) (?:country|countries|nation|nations|state|states)\b")]
    private static partial Regex Country();

    [GeneratedRegex(@"^(?:who|what|which)(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+(?:(?:the|a|an)\s+)?(?:([\p{L}\d-]+)(?:'s|’s)\s+)?((?:[\p{L}\d-]+\s+){0,3}?[\p{L}\d-]+)(?=\s+(?:of|in|for|between|at|to|on|with|from|during)\b|\s*[?.!]*\s*$)")]
    private static partial Regex FocusPattern();

    [GeneratedRegex(@"\bas\s+(?:(?:the|a|an)\s+)?(?:([\p{L}\d-]+)(?:'s|’s)\s+)?((?:[\p{L}\d-]+\s+){0,2}?[\p{L}\d-]+)\s*[?.!]*\s*$")]
    private static partial Regex AsRole();

    [GeneratedRegex(@"\G\s+of\s+(?:(?:the|a|an)\s+)?(?:([\p{L}\d-]+)(?:'s|’s)\s+)?((?:[\p{L}\d-]+\s+){0,2}?[\p{L}\d-]+)(?=\s+(?:of|in|for|between|at|to|on|with|from|during)\b|\s*[?.!]*\s*$)")]
    private static partial Regex OfPhrase();

    [GeneratedRegex(@"\b(?:called|named|known as)\s*[?.!]*\s*$|^(?:what(?:'s|’s|s)?|which) (?:(?:is|was|were|are) )?the names? of\b")]
    private static partial Regex Called();

    [GeneratedRegex(@"\b(?:when|date|year|(?:which|what) (?:day|month|decade)|where|venue|location|who|why|how many|how much)\b")]
    private static partial Regex Anywhere();

    [GeneratedRegex(@"^(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might)\b")]
    private static partial Regex YesNo();
}
