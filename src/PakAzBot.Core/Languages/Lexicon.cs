using System.Text.RegularExpressions;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Languages;

/// <summary>
/// The cross-language lexicon of the knowledge folder (<c>lexicon/ur.txt</c>, <c>lexicon/ur-Latn.txt</c>,
/// <c>lexicon/az.txt</c>): the words people type in Urdu, Roman Urdu and Azerbaijani, each mapped to the English the
/// sources use. It tells a question's language (<see cref="Detect"/>) and reads the question in English
/// (<see cref="Read"/>), word by word, longest phrase first; the quote stays the sources' English.
/// </summary>
/// <remarks>
/// A line is <c>form, form, … => english words</c> (Solr's one-way synonym line); an empty right side marks a word of
/// grammar that the English reading drops. Forms match whatever the case; Latin letters are compared with ə ğ ı ö ş
/// ç ü folded to e g i o s c u, Urdu letters with their Arabic look-alikes and vowel marks folded. A form of
/// <see cref="Rules.MinStem"/> letters or more also matches a word that goes on by up to <see cref="Rules.MaxSuffix"/>
/// letters (Azerbaijani adds its case and verb endings to the stem, Urdu its plural and oblique endings).
/// </remarks>
public sealed partial class Lexicon
{
    public static Lexicon Empty { get; } = new([]);

    /// <summary>The file of each language under the knowledge folder's <c>lexicon/</c>.</summary>
    public static IReadOnlyList<(Language Language, string File)> Files { get; } =
    [
        (Language.Urdu, "ur.txt"), (Language.RomanUrdu, "ur-Latn.txt"), (Language.Azerbaijani, "az.txt"),
    ];

    private readonly Dictionary<Language, Table> _tables;

    /// <summary>The text of the lexicon file this build ships (<c>knowledge/lexicon/</c>), or null when it has none.</summary>
    public static string? BuiltIn(string file)
    {
        var assembly = typeof(Lexicon).Assembly;
        using var stream = assembly.GetManifestResourceStream("PakAzBot.Core.Lexicon." + file);
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }

    private Lexicon(Dictionary<Language, Table> tables) => _tables = tables;

    /// <summary>How many forms each language's file maps.</summary>
    public IReadOnlyDictionary<Language, int> Counts => _tables.ToDictionary(t => t.Key, t => t.Value.Count);

    /// <summary>
    /// Parses the files (name and text of each); every bad line goes to <paramref name="errors"/> with its line number
    /// and what to fix, and the rest still loads.
    /// </summary>
    public static Lexicon Parse(IEnumerable<(Language Language, string File, string Text)> files, List<KnowledgeError> errors)
    {
        var tables = new Dictionary<Language, Table>();
        foreach (var (language, file, text) in files)
        {
            tables[language] = Table.Parse(language, file, text, errors);
        }

        return new Lexicon(tables);
    }

    /// <summary>
    /// The question's language, decided from its script and its words; null when it has no word of letters to tell
    /// by ("1992?"). Latin words count for Roman Urdu or Azerbaijani only where they are not English words
    /// (<paramref name="isEnglish"/>, besides everyday English), so "Pakistan", "recognize" or "JF-17" say nothing.
    /// </summary>
    public Language? Detect(string question, Func<string, bool>? isEnglish = null)
    {
        var text = Fold.Digits(question);
        var letters = text.Count(char.IsLetter);
        if (letters == 0)
        {
            return null;
        }

        var arabic = text.Count(Fold.IsArabicScript);
        if (arabic * 2 >= letters)
        {
            return Language.Urdu;
        }

        var tokens = Tokens(text).Where(t => t.IsWord).ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        var english = isEnglish ?? (_ => false);
        bool IsEnglish(Token t) => Rules.IsEnglish(t.Folded) || english(t.Folded);

        var az = Evidence(Language.Azerbaijani, tokens, IsEnglish) + 2 * tokens.Count(t => t.Text.Any(Fold.IsAzerbaijaniLetter));
        var ur = Evidence(Language.RomanUrdu, tokens, IsEnglish);
        var best = Math.Max(az, ur);

        // One foreign word among many English ones ("… yaar?") is a remark, not the question's language.
        if (best == 0 || (best < 2 && best * 5 < tokens.Count))
        {
            return Language.English;
        }

        return az >= ur ? Language.Azerbaijani : Language.RomanUrdu;
    }

    private int Evidence(Language language, List<Token> tokens, Func<Token, bool> isEnglish)
    {
        if (!_tables.TryGetValue(language, out var table))
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < tokens.Count;)
        {
            if (table.Match(tokens, i) is { } match)
            {
                // A name typed as English writes it ("pakistan", "lahore") is the same word in every language.
                var same = Fold.Word(match.Entry.English).Replace(" ", "") == string.Concat(match.Entry.Words)
                    || (Rules.IsName(match.Entry.English) && match.Exact && tokens.Skip(i).Take(match.Entry.Words.Length).All(t => Fold.Word(match.Entry.English).Contains(t.Folded)));
                count += same ? 0 : tokens.Skip(i).Take(match.Entry.Words.Length).Count(t => !isEnglish(t) && Answering.EntityGazetteer.Find(t.Text).Count == 0);
                i += match.Entry.Words.Length;
            }
            else
            {
                i++;
            }
        }

        return count;
    }

    /// <summary>
    /// The question read in English: each phrase the lexicon knows becomes its English, words it does not know stay as
    /// typed (an English word in a mixed question; a word the sources may not use), the question word goes first, and
    /// an Urdu "X ne … verb" or Azerbaijani "X … verb" clause is put in English order ("when did X verb …"), so the
    /// stages read who does what as they do in English.
    /// </summary>
    /// <param name="isKnown">True for a word the sources use: an Azerbaijani word that is not in the lexicon but is a
    /// word of the sources with an ending ("Ankaraya") is read as that word.</param>
    public Reading Read(string question, Language language, Func<string, bool> isKnown)
    {
        if (language == Language.English || !_tables.TryGetValue(language, out var table))
        {
            return new Reading(question, []);
        }

        var tokens = Tokens(Fold.Digits(question)).ToList();
        var words = tokens.Where(t => t.IsWord).ToList();
        var pieces = new List<Piece>();
        var mapped = new List<(string From, string To)>();
        var unread = new List<string>();
        for (var i = 0; i < words.Count;)
        {
            if (table.Match(words, i) is { } match)
            {
                var from = string.Join(' ', words.Skip(i).Take(match.Entry.Words.Length).Select(w => w.Text));
                pieces.Add(new Piece(match.Entry.English, PieceKind.Lexicon, match.Exact, from));
                mapped.Add((from, match.Entry.English));
                i += match.Entry.Words.Length;
                continue;
            }

            var word = words[i];
            var stem = language == Language.Azerbaijani && !isKnown(word.Folded) ? Rules.KnownStem(word.Folded, isKnown) : null;
            if (stem is not null)
            {
                mapped.Add((word.Text, stem));
            }

            pieces.Add(new Piece(stem ?? Rules.Ordinal(word.Text), PieceKind.Kept, stem is null, word.Text));
            if (stem is null && !isKnown(word.Folded) && !word.Folded.Any(char.IsDigit) && !Rules.IsEnglish(word.Folded))
            {
                unread.Add(word.Text);
            }

            i++;
        }

        var english = Order(pieces, language, words, isKnown);
        var reading = Rules.YearBeforeMonth(string.Join(' ', english.Where(p => p.Length > 0)));
        var end = tokens.LastOrDefault(t => !t.IsWord)?.Text;
        return new Reading(end is "?" or "؟" ? reading + "?" : reading, mapped) { Unread = unread };
    }

    private static List<string> Order(List<Piece> pieces, Language language, List<Token> words, Func<string, bool> isKnown)
    {
        var content = pieces.Where(p => p.English.Length > 0).ToList();

        // Urdu's "kya"/"کیا" is "what", or the verb "did" ("muahida kab kiya?"): with another question word, or after
        // the opening, next to it, it is the verb.
        var kya = content.Where(p => p.Kind == PieceKind.Lexicon && Rules.YesNoOpeners.Contains(Fold.Word(p.From))).ToList();
        var other = content.FirstOrDefault(p => Rules.IsQuestionWord(p.English) && !kya.Contains(p));
        if (language is Language.Urdu or Language.RomanUrdu && other is not null)
        {
            content.RemoveAll(p => kya.Contains(p) && p != pieces[0]);
        }

        var wh = other ?? content.FirstOrDefault(p => Rules.IsQuestionWord(p.English));
        var firstWord = words.Count > 0 ? words[0].Folded : "";

        // "kya …?" / "کیا …؟" opening a question asks yes or no; so does an Azerbaijani verb ending in -mı with no question word.
        var yesNo = (language is Language.Urdu or Language.RomanUrdu && pieces.Count > 0 && pieces[0] == wh && Rules.YesNoOpeners.Contains(firstWord))
            || (language == Language.Azerbaijani && wh is null && words.Count > 1 && Rules.AzerbaijaniYesNo().IsMatch(words[^1].Folded));
        if (yesNo && wh is not null && pieces[0] == wh)
        {
            content.Remove(wh);
            wh = null;
        }

        var head = new List<string>();
        if (wh is not null)
        {
            content.Remove(wh);
            head.Add(wh.English);
        }
        else if (yesNo)
        {
            head.Add("is");
        }

        // Who did what: the agent ("X ne" in Urdu, a bare name opening an Azerbaijani question) and the verb at the end.
        var agent = Agent(pieces, language);
        // The verb is a word the lexicon read or an English word of the sources, never a word left as typed.
        var verb = content.LastOrDefault(p => p != agent && !Rules.IsName(p.English) && !p.English.Any(char.IsDigit)
            && (p.Kind == PieceKind.Lexicon || isKnown(Fold.Word(p.English))));
        if (agent is not null && verb is not null && content.IndexOf(verb) > content.IndexOf(agent))
        {
            content.Remove(agent);
            content.Remove(verb);

            // "did X verb …" asks yes or no by itself: not "is did X verb …".
            head.Remove("is");
            head.AddRange(["did", agent.English, verb.English]);
        }

        return [.. head, .. content.Select(p => p.English)];
    }

    private static Piece? Agent(List<Piece> pieces, Language language)
    {
        if (language == Language.Azerbaijani)
        {
            // The nominative has no ending: a name typed exactly as the lexicon has it, opening the question.
            var first = pieces.FirstOrDefault(p => p.English.Length > 0);
            if (first is not { Exact: true } || !Rules.IsName(first.English) || pieces.Count(p => Rules.IsName(p.English)) < 2)
            {
                return null;
            }

            // "Pakistan Silahlı Qüvvələrinin üzvləri …": a word in the genitive right after the name makes the name part
            // of a longer subject ("the members of the Pakistan Armed Forces"), which is not the name alone.
            var next = pieces.SkipWhile(p => p != first).Skip(1).Take(2);
            return next.Any(p => !Rules.IsName(p.English) && !Rules.IsQuestionWord(p.English)
                && Rules.AzerbaijaniGenitive().IsMatch(Fold.Word(p.From.Split(' ')[^1]))) ? null : first;
        }

        for (var i = 1; i < pieces.Count; i++)
        {
            if (pieces[i].Kind == PieceKind.Lexicon && pieces[i].English.Length == 0 && Rules.AgentMarkers.Contains(Fold.Word(pieces[i].From)))
            {
                return Rules.IsName(pieces[i - 1].English) ? pieces[i - 1] : null;
            }
        }

        return null;
    }

    private static IEnumerable<Token> Tokens(string text) =>
        TokenPattern().Matches(text).Select(m => new Token(m.Value, char.IsLetterOrDigit(m.Value[0]) || char.GetUnicodeCategory(m.Value[0]) == System.Globalization.UnicodeCategory.NonSpacingMark
            ? Fold.Word(m.Value) : m.Value));

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]")]
    private static partial Regex TokenPattern();

    internal sealed record Token(string Text, string Folded)
    {
        public bool IsWord => Folded.Length > 0 && char.IsLetterOrDigit(Folded[0]);
    }

    private enum PieceKind { Lexicon, Kept }

    private sealed record Piece(string English, PieceKind Kind, bool Exact, string From);
}

/// <summary>A question read in English, with what the lexicon mapped (for <c>--explain</c>).</summary>
public sealed record Reading(string English, IReadOnlyList<(string From, string To)> Mapped)
{
    /// <summary>Words the lexicon could not read and the sources do not use, as typed: as likely a word of grammar the
    /// lexicon lacks as one of content.</summary>
    public IReadOnlyList<string> Unread { get; init; } = [];
}
