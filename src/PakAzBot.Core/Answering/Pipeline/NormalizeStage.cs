using System.Text.RegularExpressions;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// Stage 1: cleans the question as every surface sends it (chat markup, mentions, chatter), tells what kind of answer
/// it wants, and weighs its words.
/// </summary>
internal static partial class NormalizeStage
{
    public static Question Run(string raw, IPassageIndex index, Trace trace)
    {
        // What replies show is the question as cleaned; what the stages read also drops a handle and a remark around it.
        var asked = Text.QuestionNormalizer.Normalize(raw);
        var lexicon = index.Knowledge.Lexicon;
        var words = index.Knowledge.Words;
        var language = Languages.LanguageDetector.Detect(asked, index.Knowledge);
        var clean = WithoutHandle(asked, index.Knowledge);
        clean = language is null or Languages.Language.English
            ? QuestionClause.Of(clean, segment => Says(segment, index), segment => Names(segment, index.Knowledge))
            : WithoutRemark(clean, index);
        var reading = language is { } foreign && foreign != Languages.Language.English
            ? lexicon.Read(clean, foreign, words.Contains)
            : null;
        var text = Abbreviations.Of(index.Knowledge).Expand(reading?.English ?? clean, MayBeAbbreviation);
        var type = QuestionClassifier.Classify(text);
        var query = index.Analyze(text);
        var given = GivenDates(text);
        var weights = Weigh(query, given, reading?.Unread.ToHashSet(StringComparer.OrdinalIgnoreCase));
        var names = NamedWords(text, query, Knowledge.Capitalization.Of(index.Knowledge));
        var unknown = names.Where(t => !t.Known).Select(t => t.Surface).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var focus = QuestionClassifier.Focus(text);

        // Nothing left to look for but a date: the question asks what happened then.
        var dateLed = given.Count > 0 && weights.All(w => w.Value == 0 || EventWords.Contains(w.Key.Surface.ToLowerInvariant()));
        var question = new Question(text, type, query, weights, names, unknown, given, focus, dateLed) { Asked = asked, Language = language };
        if (reading is not null)
        {
            trace.Write("normalize", $"{language}: " + string.Join(", ", reading.Mapped.Select(m => $"{m.From} → {(m.To.Length > 0 ? m.To : "∅")}")));
        }

        trace.Write("normalize", $"\"{text}\"{(asked == text ? "" : $" (asked \"{asked}\")")} type={type}{(dateLed ? " date-led" : "")} given=[{string.Join(", ", given.Select(Describe))}]"
            + $" names=[{string.Join(", ", names.Select(n => n.Surface))}]{(unknown.Count > 0 ? $" unknown=[{string.Join(", ", unknown)}]" : "")}");
        trace.Write("normalize", "terms: " + string.Join(", ",
            query.Terms.Select(t => $"{t.Surface}[{string.Join('|', t.Terms)}] df={t.DocumentFrequency} w={weights.GetValueOrDefault(t):0.00}")));
        return question;
    }

    /// <summary>
    /// A handle typed at the start ("@PakAzBot hey, when …", "@bot …") addresses the bot when the sources never
    /// mention it, and goes with the greeting after it; a handle the sources quote ("@AzEmbPak …") is part of the question.
    /// </summary>
    private static string WithoutHandle(string question, Knowledge.KnowledgeBase knowledge)
    {
        var handle = Handle().Match(question);
        if (!handle.Success || Handles(knowledge).Contains(handle.Groups[1].Value))
        {
            return question;
        }

        var rest = Text.QuestionNormalizer.Normalize(question[handle.Length..]);
        return rest.Any(char.IsLetterOrDigit) ? rest : question;
    }

    /// <summary>
    /// A remark after the question ("… in 2019? need it for a post", "… 14 june 2022? found it in my notes") goes when it
    /// says nothing the sources speak of: none of its words is one they use, other than everyday ones.
    /// </summary>
    private static string WithoutRemark(string question, IPassageIndex index)
    {
        var end = question.LastIndexOf('?');
        if (end <= 0 || end == question.Length - 1)
        {
            return question;
        }

        var remark = question[(end + 1)..];
        return Says(remark, index) || remark.Any(char.IsDigit) ? question : question[..(end + 1)];
    }

    // Whether a piece of the question uses a word the sources use, other than an everyday one.
    private static bool Says(string text, IPassageIndex index) => index.Analyze(text).Terms.Any(t => t.Known && !QuestionWords.IsCommon(t.Surface));

    // Whether a piece of the question names something: a well-known name, or a word the sources only write capitalized.
    private static bool Names(string text, Knowledge.KnowledgeBase knowledge) => KnownNames(text, Knowledge.Capitalization.Of(knowledge)).Count > 0;

    // The words of well-known names in the text, and its words the sources only write capitalized.
    private static HashSet<string> KnownNames(string text, Knowledge.Capitalization capitals)
    {
        var names = EntityGazetteer.Find(text).SelectMany(n => n.Split(' ')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        names.UnionWith(Word().Matches(text).Select(m => m.Value).Where(capitals.IsName));
        return names;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Knowledge.KnowledgeBase, HashSet<string>> HandleCache = new();

    private static HashSet<string> Handles(Knowledge.KnowledgeBase knowledge) => HandleCache.GetValue(knowledge, k =>
        k.Passages.SelectMany(p => QuotedHandle().Matches(p.Text)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase));

    [GeneratedRegex(@"^@([\p{L}\p{N}_.]+)[\s,:;!.\-–—]*")]
    private static partial Regex Handle();

    [GeneratedRegex(@"@([\p{L}\p{N}_.]+)")]
    private static partial Regex QuotedHandle();

    /// <summary>
    /// A word typed in capitals ("NUST", "ECO") may be an acronym, and a short lower-case one that is not an everyday
    /// word may be an acronym or a clipped name ("fm", "isg", "aze", but not "ask").
    /// </summary>
    private static bool MayBeAbbreviation(string word) =>
        (word.Length >= 2 && word.All(char.IsUpper)) || (word.Length is >= 2 and <= 4 && word.All(char.IsLower) && !QuestionWords.IsCommon(word) && !FunctionWords.Contains(word));

    // "my notes" is not "Mohammad Younus notes".
    private static readonly HashSet<string> FunctionWords = new(QuestionWords.StopWords.Concat(QuestionWords.IndexStopWords).Concat(
    [
        "am", "pm", "ok", "hey", "hi", "yes", "yet", "all", "any", "few", "its", "off", "our", "own", "too", "via", "per", "lol", "pls", "plz", "thx", "btw", "idk",
        "u", "ur", "r", "im", "ive", "dont", "cant", "wont", "isnt", "wasnt", "didnt", "got", "get", "let", "now", "new", "old", "who",
    ]), StringComparer.Ordinal);

    /// <summary>
    /// The dates a question states: with a year ("in 2021", "the 1995 pact", "the nineties") or a day or month of any
    /// year ("on 10 June", "in May?"). Dates relative to the asker's today ("last year") are left out: the sources were
    /// written at other times, so the question cannot mean them as a condition on a passage.
    /// </summary>
    private static List<QuestionDate> GivenDates(string question) =>
        DateRecognizer.RecognizeInQuestion(question, DateOnly.FromDateTime(DateTime.UtcNow))
            .Where(d => !Relative().IsMatch(d.Text))
            .ToList();

    public static string Describe(QuestionDate d) => d.Date?.Iso ?? $"--{d.Month:00}{(d.Day is { } day ? $"-{day:00}" : "")} (any year)";

    private static Dictionary<QueryTerm, double> Weigh(AnalyzedQuery query, IReadOnlyList<QuestionDate> given, HashSet<string>? unread)
    {
        var dateWords = given.SelectMany(d => Word().Matches(d.Text).Select(m => m.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var weights = new Dictionary<QueryTerm, double>();
        foreach (var term in query.Terms)
        {
            if (weights.ContainsKey(term))
            {
                continue;
            }

            var unknownWeight = query.Idf(term with { DocumentFrequency = 0 }) / 2;
            weights[term] = dateWords.Contains(term.Surface) ? 0
                : term.Known ? query.Idf(term)
                : Adverb().IsMatch(term.Surface) || QuestionWords.IsCommon(term.Surface) || unread?.Contains(term.Surface) == true ? unknownWeight / 2
                : unknownWeight;
        }

        return weights;
    }

    /// <summary>
    /// The question's words that name something: well-known names and words the sources write only as names (in any
    /// case), and capitalized words inside the question. Title-case or upper-case questions say nothing by their
    /// capitals, so only the first two count there.
    /// </summary>
    private static List<QueryTerm> NamedWords(string question, AnalyzedQuery query, Knowledge.Capitalization capitals)
    {
        var names = KnownNames(question, capitals);
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var capitalized = words.Skip(1).Where(w => w.Length > 0 && char.IsUpper(w[0])).ToList();
        if (capitalized.Count * 2 <= words.Length - 1)
        {
            foreach (var word in capitalized)
            {
                var name = word.Trim('?', '!', '.', ',', ';', ':', '"', '\'', '(', ')');
                names.Add(name);
                names.UnionWith(name.Split('-', '’', '\''));
            }
        }

        return query.Terms
            .Where(t => !DateWord().IsMatch(t.Surface))
            .Where(t => t.Surface.Split('-', '’', '\'').Any(names.Contains) || names.Contains(t.Surface))
            .DistinctBy(t => t.Surface, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    // What people ask of a date besides the date itself: "what happened", "any events", "news from".
    private static readonly HashSet<string> EventWords = new(StringComparer.Ordinal)
    {
        "happen", "happened", "happening", "event", "events", "news", "occur", "occurred", "took", "take", "place",
        "going", "went", "on", "new", "anything", "something", "there", "interesting", "notable", "important",
    };

    [GeneratedRegex(@"^\p{L}{3,}ly$", RegexOptions.IgnoreCase)]
    private static partial Regex Adverb();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^(?:\d+|january|february|march|april|may|june|july|august|september|october|november|december)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateWord();

    [GeneratedRegex(@"\b(?:last|next|this|ago|yesterday|today|tomorrow|previous|following|coming|past)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
