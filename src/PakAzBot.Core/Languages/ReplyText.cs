using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;

namespace PakAzBot.Core.Languages;

/// <summary>
/// The fixed words of a reply (labels, buttons, the not-sure and decline lines, dates) in one language, read from
/// <c>Languages/Resources/{code}.json</c> embedded in this assembly. The quote and the citation are never among
/// them: they stay verbatim English. Placeholders are written <c>{name}</c> and filled by <see cref="Fill"/>.
/// </summary>
/// <remarks>Not CultureInfo or .resx satellites: the project runs with InvariantGlobalization.</remarks>
public sealed class ReplyText
{
    private static readonly Lazy<IReadOnlyDictionary<Language, ReplyText>> Loaded = new(() =>
        LanguageCodes.All.ToDictionary(l => l, Load));

    private readonly IReadOnlyDictionary<string, string> _texts;

    private ReplyText(Language language, IReadOnlyDictionary<string, string> texts, IReadOnlyList<string> months)
    {
        Language = language;
        _texts = texts;
        Months = months;
    }

    public Language Language { get; }

    /// <summary>The twelve month names, January first, as dates are written in this language.</summary>
    public IReadOnlyList<string> Months { get; }

    /// <summary>Every text key (the <c>months</c> array apart), as the English file has them.</summary>
    public IEnumerable<string> Keys => _texts.Keys;

    public string EventDate => this["eventDate"];

    public string Source => this["source"];

    public string Published => this["published"];

    public string Section => this["section"];

    public string Paragraph => this["paragraph"];

    public string Confidence => this["confidence"];

    public string NotSure => this["notSure"];

    /// <summary>The decline as a title: "I can't answer that from my sources".</summary>
    public string CannotAnswer => this["cannotAnswer"];

    /// <summary>The decline as a sentence, with its full stop.</summary>
    public string CannotAnswerSentence => this["cannotAnswerSentence"];

    public string NoneSays => this["noneSays"];

    public string TopicsHeading => this["topicsHeading"];

    public string NoQuestion => this["noQuestion"];

    public string NoneOfThese => this["noneOfThese"];

    public string ThisAnswersIt => this["thisAnswersIt"];

    public string NoneNoted => this["noneNoted"];

    /// <summary>Said instead of the confidence when the user picked the passage from the suggestions.</summary>
    public string Picked => this["picked"];

    public string Verbatim => this["verbatim"];

    public string Related => this["related"];

    /// <summary>"Sources differ:", heading the other documents' answers that differ from the one given.</summary>
    public string SourcesDiffer => this["sourcesDiffer"];

    /// <summary>"sources differ", marking a timeline event the documents date differently.</summary>
    public string SourcesDifferMark => this["sourcesDifferMark"];

    /// <summary>"Also says so", heading the other documents that give the same answer.</summary>
    public string AlsoSays => this["alsoSays"];

    public string ThanksUp => this["thanksUp"];

    public string ThanksDown => this["thanksDown"];

    public string PassageGone => this["passageGone"];

    public string Hello => this["hello"];

    public string HowToUse => this["howToUse"];

    public string About => this["about"];

    /// <summary>The text of a key; throws for a key no language file has.</summary>
    public string this[string key] => _texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No reply text '{key}'.");

    /// <summary>The reply texts of <paramref name="language"/>.</summary>
    public static ReplyText For(Language language) => Loaded.Value[language];

    /// <summary>The text of <paramref name="key"/> with each <c>{name}</c> replaced by its value.</summary>
    public string Fill(string key, params (string Name, string Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>"They do not mention “X” or “Y”." with the words quoted and joined as this language joins them.</summary>
    public string NotMentioned(IReadOnlyList<string> words, Func<string, string>? escape = null) =>
        Fill("notMentioned", ("words", JoinWords(words, escape)));

    /// <summary>The whole decline line of a plain-text reply: "I can't answer that from my sources: …".</summary>
    public string CannotAnswerBecause(IReadOnlyList<string> unknownWords, Func<string, string>? escape = null) => unknownWords.Count > 0
        ? Fill("cannotAnswerNotMentioned", ("words", JoinWords(unknownWords, escape)))
        : this["cannotAnswerNoneSays"];

    /// <summary>"My sources cover: a, b, c."</summary>
    public string Topics(IEnumerable<string> topics) => Fill("topics", ("topics", string.Join(", ", topics)));

    /// <summary>"Try {timeline} for dated events, or {sources} for what I have read.", with the surface's own ways there.</summary>
    public string TryCommands(string timeline, string sources) => Fill("tryCommands", ("timeline", timeline), ("sources", sources));

    /// <summary>"Press the number of the passage that answers your question, or “None of these”."</summary>
    public string PickHelp => Fill("pickHelp", ("none", NoneOfThese));

    public string YouAsked(string question) => Fill("youAsked", ("question", question));

    /// <summary>"Confidence 0.87" (or, with <paramref name="colon"/>, "Confidence: 0.87").</summary>
    public string ConfidenceOf(double confidence, bool colon = false) =>
        $"{Confidence}{(colon ? ":" : "")} {confidence.ToString("0.00", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A date as people write it in this language: "12 December 1991", "12 دسمبر 1991", "12 dekabr 1991", at every
    /// precision <see cref="PartialDate.Label"/> has (day, month, half-year, year, decade). Digits stay Western.
    /// </summary>
    public string Date(PartialDate date)
    {
        var year = date.Year.ToString(CultureInfo.InvariantCulture);
        var ordinal = Language == Language.Azerbaijani ? year + "-" + AzerbaijaniOrdinalSuffix(date.Year) : year;
        return date.Precision switch
        {
            DatePrecision.Day => Fill("dayDate", ("day", date.Day!.Value.ToString(CultureInfo.InvariantCulture)), ("month", Months[date.Month!.Value - 1]), ("year", year)),
            DatePrecision.Month => Fill("monthDate", ("month", Months[date.Month!.Value - 1]), ("year", year)),
            DatePrecision.HalfYear => Fill(date.Half == 1 ? "firstHalf" : "secondHalf", ("year", year), ("ordinal", ordinal)),
            DatePrecision.Decade => Fill("decade", ("year", year), ("ordinal", ordinal)),
            _ => year,
        };
    }

    /// <summary>
    /// The short answer as this language shows it: a date in this language's words when the short answer is the
    /// answer's date; otherwise as extracted (a name, a place or a figure from the English source).
    /// </summary>
    public string? Short(Answer answer) => Short(answer.Short, answer.Date);

    /// <summary>A short answer in this language: one that is its date is written as the date is here; a name or a figure
    /// stays as the source has it.</summary>
    public string? Short(string? shortAnswer, Dates.DateMention? date) =>
        shortAnswer is not null && date is not null && string.Equals(shortAnswer, date.Date.Label, StringComparison.Ordinal)
            ? Date(date.Date)
            : shortAnswer;

    /// <summary>Every text and the month names, for a client that renders replies itself (the web page).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in _texts)
        {
            json[key] = value;
        }

        json["months"] = new JsonArray(Months.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray());
        return json;
    }

    /// <summary>
    /// The suffix of an Azerbaijani ordinal year, which follows the vowel of the number's last spoken word:
    /// 1991-ci (bir), 2023-cü (üç), 2016-cı (altı), 2009-cu (doqquz), 2010-cu (on), 1990-cı (doxsan), 2000-ci (min).
    /// </summary>
    public static string AzerbaijaniOrdinalSuffix(int number)
    {
        string[] ones = ["", "ci", "ci", "cü", "cü", "ci", "cı", "ci", "ci", "cu"];
        string[] tens = ["", "cu", "ci", "cu", "cı", "ci", "cı", "ci", "ci", "cı"];
        number = Math.Abs(number);
        return number == 0 ? "cı"
            : number % 10 != 0 ? ones[number % 10]
            : number % 100 != 0 ? tens[number / 10 % 10]
            : number % 1000 != 0 ? "cü"
            : "ci";
    }

    private string JoinWords(IReadOnlyList<string> words, Func<string, string>? escape)
    {
        var quoted = words.Select(w => $"“{(escape is null ? w : escape(w))}”").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : string.Join(", ", quoted.Take(quoted.Count - 1)) + $" {this["or"]} {quoted[^1]}";
    }

    private static ReplyText Load(Language language)
    {
        var name = $"PakAzBot.Core.Languages.Resources.{language.Code()}.json";
        using var stream = typeof(ReplyText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The reply texts {name} are not embedded.");
        using var json = JsonDocument.Parse(stream);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var months = new List<string>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Name == "months")
            {
                months.AddRange(property.Value.EnumerateArray().Select(m => m.GetString() ?? ""));
            }
            else
            {
                texts[property.Name] = property.Value.GetString() ?? "";
            }
        }

        return new ReplyText(language, texts, months);
    }
}
