using System.Text.RegularExpressions;
using PakAzBot.Core.Dates;

namespace PakAzBot.Core.Answering;

/// <summary>What a quoted span yields for a question: a short answer, the event date, and whether it has what was asked.</summary>
internal sealed record Extraction(string? Short, DateMention? Date, bool FitsType);

/// <summary>
/// Picks the short answer out of a quoted span: the date for "when", a name for "who"/"which", a place for "where",
/// a figure for "how many", a reason for "why". Where a span holds several, the one nearest the question's words wins.
/// Every short answer is a piece of the source's own text (or, for dates, its normalized form).
/// </summary>
internal static partial class AnswerExtractor
{
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "During", "After", "Before", "Another", "It", "Its", "This", "That", "These",
        "Those", "They", "Their", "Them", "He", "She", "His", "Her", "Him", "We", "Our", "Us", "I", "My", "You", "Your", "Because", "However", "Both", "Since", "While", "Although", "When", "According", "Following", "For", "From", "With", "As", "By", "Of", "And", "But", "Also",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    private static readonly HashSet<string> TitleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "foreign", "secretary", "ambassador", "minister", "prime", "president", "vice", "deputy", "chief", "general",
        "senator", "chairman", "chairperson", "spokesperson", "spokesman", "commander", "admiral", "marshal", "envoy",
        "consul", "defence", "defense", "interior", "finance", "economy", "army", "state", "head", "mr", "mrs", "ms", "dr",
        "embassy", "speaker", "governor", "mayor", "senior", "acting", "former", "captain", "colonel", "major", "lieutenant",
        "sergeant", "judge", "justice", "professor", "prof", "sir", "lord", "lady", "king", "queen", "prince", "princess",
        "sheikh", "emir", "sultan", "bishop", "imam", "chancellor", "director", "chair", "councillor", "councilor",
        "attache", "attaché", "charge", "chargé", "counsellor", "commissioner", "secretary-general", "representative",
    };

    private static readonly HashSet<string> OrganizationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ministry", "ministries", "embassy", "office", "senate", "committee", "forces", "forum", "agreement", "commission",
        "republic", "union", "group", "council", "assembly", "parliament", "bank", "organization", "organisation",
        "resolution", "relations", "cooperation", "partnership", "affairs", "economy", "university", "institute", "foundation",
        "company", "corporation", "agency", "association", "society", "party", "court", "army", "navy", "force",
    };

    /// <param name="given">Dates the question itself states: they frame the question and are never its answer.</param>
    /// <param name="head">The thing the question asks about ("ambassador" in "Who is Pakistan's ambassador?"), if it says.</param>
    /// <param name="qualifiers">Words the question puts on the thing it asks about ("pakistan" in "Pakistan's ambassador").</param>
    public static Extraction Extract(QuestionType type, string question, AnalyzedQuery query, AnswerSpan span, IPassageIndex index,
        IReadOnlyList<PartialDate> given, string? head, IReadOnlyList<string> qualifiers)
    {
        var words = Words(span.Text, query, index);
        var dates = span.Dates.Where(d => !given.Any(g => g.Contains(d.Date))).ToList();
        var date = dates.Count == 0 ? null : dates.MaxBy(d => Proximity(words, d.Start, d.Start + d.Length));
        switch (type)
        {
            case QuestionType.When:
                return new Extraction(date?.Date.Label, date, date is not null);
            case QuestionType.HowMany:
                // A number the question itself gives ("Caspian-Indus 1", "resolution 62/243") is not its answer.
                var givenNumbers = Number().Matches(question).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
                // "How much" asks for an amount (money, a share, a weight), not a head count; a bare year is never a count.
                var amount = HowMuch().IsMatch(question);
                var figure = Figures(span).Where(f => !Number().Matches(f.Value).Any(n => givenNumbers.Contains(n.Value)))
                    .Where(f => !BareYear().IsMatch(f.Value.Trim()))
                    .Where(f => !amount || IsAmount(span.Text, f))
                    .MaxBy(f => Proximity(words, f.Index, f.Index + f.Length));
                return new Extraction(figure?.Value.Trim(), date, figure is not null);
            case QuestionType.Where:
                var place = Places().Matches(span.Text).MaxBy(m => Proximity(words, m.Index, m.Index + m.Length) + (m.Groups[1].Value == "at" ? 0.5 : 0));
                return new Extraction(place?.Groups[2].Value, date, place is not null);
            case QuestionType.Why:
                var reason = Reasons().Match(span.Text);
                return new Extraction(reason.Success ? reason.Groups[1].Value.Trim() : null, date, reason.Success);
            case QuestionType.Who:
            case QuestionType.Which:
            case QuestionType.Name:
                var name = Name(type, question, span, words, query, index, head, qualifiers);
                return new Extraction(name, date, name is not null);
            default:
                return new Extraction(null, date, FitsType: true);
        }
    }

    private static string? Name(QuestionType type, string question, AnswerSpan span, IReadOnlyList<WordAt> words, AnalyzedQuery query,
        IPassageIndex index, string? head, IReadOnlyList<string> qualifiers)
    {
        var candidates = Names(span.Text, query, index).Where(c => !Contradicts(c.Title, qualifiers, index)).ToList();
        if (type == QuestionType.Name)
        {
            // The name of a thing ("what were the drills called?") is not a country's name.
            candidates.RemoveAll(c => EntityGazetteer.Find(c.Text).Count > 0);
        }

        if (head is not null)
        {
            // "its first resident ambassador, Eldar Huseynzade": an office in lower case, then the name after a comma.
            var office = new Regex($@"\b{Regex.Escape(head)}\w*\s*,\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            candidates = candidates.Select(c => c.Title.Length == 0 && office.IsMatch(span.Text[..c.Start]) ? c with { Title = head } : c).ToList();
        }

        if (head is not null && candidates.Any(c => c.Title.Length > 0))
        {
            // "Who is Pakistan's ambassador?": only someone whose title is that office.
            var headTerms = index.Analyze(head).Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
            candidates.RemoveAll(c => !index.TermsOf(c.Title).Any(headTerms.Contains));
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        if (type is QuestionType.Which or QuestionType.Name && !QuestionClassifier.AsksForCountry(question))
        {
            return candidates.MaxBy(c => Proximity(words, c.Start, c.End))!.Text;
        }

        var wantCountry = QuestionClassifier.AsksForCountry(question);
        var people = candidates.Where(c => wantCountry ? EntityGazetteer.Find(c.Text).Count > 0 : c.IsPerson).ToList();
        if (people.Count == 0)
        {
            people = candidates;
        }

        // "Who is the Azerbaijani ambassador?": the person whose title the question gives.
        var titled = people.Where(p => p.Title.Length > 0 && TitleMatches(p.Title, query, index)).ToList();
        if (titled.Count == 1)
        {
            return titled[0].Text;
        }

        var best = people.MaxBy(c => Proximity(words, c.Start, c.End))!;
        var partners = people.Where(p => p != best && Coordinated(span.Text, best, p)).ToList();
        return partners.Count == 0
            ? best.Text
            : string.Join(" and ", new[] { best }.Concat(partners).OrderBy(p => p.Start).Select(p => p.Text));
    }

    /// <summary>
    /// True when the question names one country for the office ("Pakistan's ambassador") and the person's title
    /// another ("Azerbaijani Ambassador"); synonyms make "Azerbaijani" and "Azerbaijan" agree.
    /// </summary>
    private static bool Contradicts(string title, IReadOnlyList<string> qualifiers, IPassageIndex index)
    {
        var asked = qualifiers.Where(q => EntityGazetteer.Find(q).Count > 0).ToList();
        var held = title.Split(' ').Where(w => EntityGazetteer.Find(w).Count > 0).ToList();
        if (asked.Count == 0 || held.Count == 0)
        {
            return false;
        }

        var heldTerms = held.SelectMany(w => index.Analyze(w).Terms.SelectMany(t => t.Terms)).ToHashSet(StringComparer.Ordinal);
        return !asked.Any(a => index.Analyze(a).Terms.SelectMany(t => t.Terms).Any(heldTerms.Contains));
    }

    private static bool TitleMatches(string title, AnalyzedQuery query, IPassageIndex index)
    {
        var titleTerms = index.TermsOf(title);
        var informative = query.Terms.Where(t => t.Terms.Any(titleTerms.Contains)).ToList();
        return informative.Count > 0 && informative.Count * 2 >= titleTerms.Count;
    }

    // Two names joined by "and" (", and", "and the …", with a title between) are one answer: "Pakistan and China".
    private static bool Coordinated(string text, NameAt a, NameAt b)
    {
        var (first, second) = a.Start < b.Start ? (a, b) : (b, a);
        var between = text[first.End..second.TitleStart];
        return Conjunction().IsMatch(between);
    }

    private static IEnumerable<NameAt> Names(string text, AnalyzedQuery query, IPassageIndex index)
    {
        var questionTerms = query.Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
        var capitals = Knowledge.Capitalization.Of(index.Knowledge);
        bool NotName(string word) => NotNames.Contains(word) || capitals.IsOrdinaryWord(word);

        // A nationality or country before a title is part of the title: "Azerbaijani Ambassador", "Pakistan's Foreign Minister".
        static bool TitleWord(string word) => TitleWords.Contains(word.TrimEnd('’', '\'', 's')) || TitleWords.Contains(word)
            || EntityGazetteer.Find(word.Replace("’s", "").Replace("'s", "")).Count > 0;
        string? pendingTitle = null;
        var pendingTitleStart = 0;
        foreach (Match m in CapitalizedRun().Matches(text))
        {
            var parts = m.Value.Split(' ');
            var skip = m.Index == 0 || SentenceStart().IsMatch(text[..m.Index])
                ? parts.TakeWhile(NotName).Count()
                : parts.TakeWhile(p => NotNames.Contains(p)).Count();
            var lead = LeadingTitle(parts.Skip(skip).ToArray(), TitleWord);
            var rest = parts.Skip(skip + lead).ToArray();
            var start = m.Index + parts.Take(skip).Sum(p => p.Length + 1);
            var titleStart = start;
            var title = string.Join(' ', parts.Skip(skip).Take(lead));
            start += parts.Skip(skip).Take(lead).Sum(p => p.Length + 1);
            if (rest.Length == 0 || rest.All(p => p == "of" || p == "the"))
            {
                // Only a title, such as "Foreign Secretary of Pakistan": it may name the person after the comma.
                pendingTitle = m.Value;
                pendingTitleStart = m.Index;
                continue;
            }

            var name = string.Join(' ', rest).TrimEnd('’', '\'').Replace("’s", "").Replace("'s", "");
            var isTitlePhrase = parts.Skip(skip).All(p => TitleWords.Contains(p) || p is "of" or "the" || EntityGazetteer.Find(p).Count > 0)
                                && parts.Skip(skip).Any(p => TitleWords.Contains(p) && EntityGazetteer.Find(p).Count == 0);
            if (isTitlePhrase)
            {
                pendingTitle = m.Value;
                pendingTitleStart = m.Index;
                continue;
            }

            // A name the question itself gives is not its answer; synonyms make "Azerbaijani" one with "Azerbaijan's".
            var nameTerms = index.Analyze(name).Terms;
            var fromQuestion = nameTerms.Count > 0 && nameTerms.All(t => t.Terms.Any(questionTerms.Contains));
            if (!fromQuestion)
            {
                if (title.Length == 0 && pendingTitle is not null && Appositive().IsMatch(text[(pendingTitleStart + pendingTitle.Length)..start]))
                {
                    title = pendingTitle;
                    titleStart = pendingTitleStart;
                }

                var isPerson = rest.Length is >= 2 and <= 4
                    && !rest.Any(p => OrganizationWords.Contains(p) || p is "of" or "the")
                    && EntityGazetteer.Find(name).Count == 0;
                yield return new NameAt(name, start, start + name.Length, title, titleStart, isPerson);
            }

            pendingTitle = null;
        }
    }

    /// <summary>
    /// How many leading words are a title: titles and nationalities, but a nationality or country only when a title
    /// word follows it ("Azerbaijani Ambassador Khazar Farhadov" has two, "Pakistan Tehreek" none).
    /// </summary>
    private static int LeadingTitle(string[] parts, Func<string, bool> titleWord)
    {
        var lead = parts.TakeWhile(titleWord).Count();
        while (lead > 0 && !TitleWords.Contains(parts[lead - 1].TrimEnd('’', '\'', 's')) && !TitleWords.Contains(parts[lead - 1]))
        {
            lead--;
        }

        return lead;
    }

    /// <summary>A figure with a currency, a percentage, a scale ("million") or a unit of measure after it.</summary>
    private static bool IsAmount(string text, Match figure) =>
        AmountMark().IsMatch(figure.Value) || Unit().IsMatch(text[(figure.Index + figure.Length)..]);

    private static IEnumerable<Match> Figures(AnswerSpan span) =>
        Figure().Matches(span.Text).Where(m => !span.Dates.Any(d => d.Length > 0 && m.Index < d.Start + d.Length && d.Start < m.Index + m.Length));

    /// <summary>How close a stretch of text stands to the question's words: the nearer and the more, the higher.</summary>
    private static double Proximity(IReadOnlyList<WordAt> words, int start, int end)
    {
        var first = words.Count(w => w.End <= start);
        var last = words.Count(w => w.Start < end) - 1;
        var score = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].Matched || (words[i].Start >= start && words[i].End <= end))
            {
                continue;
            }

            var distance = i < first ? first - i : i - last;
            score += 1.0 / (1 + Math.Max(0, distance));
        }

        return score;
    }

    private static List<WordAt> Words(string text, AnalyzedQuery query, IPassageIndex index)
    {
        var alternatives = query.Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
        return Word().Matches(text)
            .Select(m => new WordAt(m.Index, m.Index + m.Length, index.TermsOf(m.Value).Any(alternatives.Contains)))
            .ToList();
    }

    private sealed record WordAt(int Start, int End, bool Matched);

    private sealed record NameAt(string Text, int Start, int End, string Title, int TitleStart, bool IsPerson);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-’'.][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    // Runs of capitalized words, joined by "of"/"of the": "Ministry of Foreign Affairs of Pakistan", "JF-17 Thunder".
    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{N}’'-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}\p{N}’'-]*)*")]
    private static partial Regex CapitalizedRun();

    [GeneratedRegex(@"^\s*,\s*$")]
    private static partial Regex Appositive();

    [GeneratedRegex(@"(?:^|[.!?:;]\s*|[\u201C""]\s*)$")]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"^\s*,?\s+and\s+(?:the\s+)?$")]
    private static partial Regex Conjunction();

    [GeneratedRegex(@"\d[\d,.]*")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?:(?:about|around|nearly|almost|over|some|roughly|approximately)\s+)?(?:19|20)\d\d$")]
    private static partial Regex BareYear();

    [GeneratedRegex(@"\bhow much\b|\b(?:cost|costs|price|prices|worth|value|amount|fee|fees|sum|budget|share|percentage|tonnage|volume)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowMuch();

    [GeneratedRegex(@"USD|US\$|\$|PKR|Rs|AZN|EUR|€|£|%|percent|dollars|rupees|manat|million|billion|trillion|thousand|hundred", RegexOptions.IgnoreCase)]
    private static partial Regex AmountMark();

    // A unit of measure right after the figure: "18,600 tonnes", "2,000 km".
    [GeneratedRegex(@"^\s*(?:tonnes|tons|tonne|ton|kg|kilograms?|grams?|km|kilometres?|kilometers?|miles?|metres?|meters?|hectares?|acres?|litres?|liters?|barrels?|cubic|megawatts?|MW|GW|kWh|per cent|percent|%)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unit();

    [GeneratedRegex(@"\b(at|in|from|near|off|outside)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}’'-]*)*)")]
    private static partial Regex Places();

    // A count ("almost a hundred", "7.3 million USD", "the only economic group") that is not part of a name such as JF-17.
    [GeneratedRegex(@"\b(?:[Tt]he only|[Tt]he sole|a single|only one)(?:\s+[\p{Ll}-]+){1,2}|(?:\b(?:almost|nearly|about|around|over|more than|less than|fewer than|some|approximately|roughly|up to|at least|only)\s+)?(?:\ba\s+)?(?:(?:USD|US\$|\$|PKR|Rs\.?|AZN|EUR|€|£)\s?)?(?:(?<![\w-])\d[\d,]*(?:\.\d+)?(?![\d.]*(?:st|nd|rd|th)\b)(?!-)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|dozens|hundred|hundreds|thousand|thousands)\b)(?:\s+(?:hundred|thousand|million|billion|trillion))?(?:\s+(?:USD|US dollars|dollars|percent|rupees|manat)\b|%)?")]
    private static partial Regex Figure();

    // A cause ("because of", "due to", "as", "amid", "in response to"), a purpose ("in order to", "so that", "in a bid
    // to") or the event something followed ("was called off after the earthquakes").
    [GeneratedRegex(@"(?:\b(?:[Bb]ecause(?: of)?|due to|owing to|thanks to|as a result of|in response to|in order to|so as to|so that|in a bid to|for fear (?:of|that)|since|amid|(?<=\b(?:was|were|been|is|are)\s+\w+(?:\s+\w+)?\s+)after|(?<!such |well |as )as)\s+)(?!well\b|a result\b|part\b)([^,.;]+)")]
    private static partial Regex Reasons();
}
