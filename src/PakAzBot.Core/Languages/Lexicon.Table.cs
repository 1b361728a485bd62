using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Languages;

/// <summary>One language's file as a table: its lines parsed and checked, and the longest entry that matches at a word.</summary>
public sealed partial class Lexicon
{
    private sealed record Entry(string[] Words, string English, string File, int Line);

    private sealed record Match(Entry Entry, bool Exact, int Letters);

    /// <summary>One language's forms, by their first word.</summary>
    private sealed class Table
    {
        private readonly Dictionary<string, List<Entry>> _byFirst = new(StringComparer.Ordinal);
        private readonly Language _language;

        private Table(Language language) => _language = language;

        public int Count { get; private set; }

        public static Table Parse(Language language, string file, string text, List<KnowledgeError> errors)
        {
            var table = new Table(language);
            var seen = new Dictionary<string, (string English, int Line)>(StringComparer.Ordinal);
            var lines = text.Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n].Trim().TrimStart('\uFEFF');
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var arrow = line.IndexOf("=>", StringComparison.Ordinal);
                if (arrow < 0 || line.IndexOf("=>", arrow + 2, StringComparison.Ordinal) >= 0)
                {
                    errors.Add(new KnowledgeError(file, n + 1, "a lexicon line maps forms to English with one '=>': write 'form, form => english' (an empty right side drops a grammar word)"));
                    continue;
                }

                var english = string.Join(' ', line[(arrow + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                if (english.Contains(','))
                {
                    errors.Add(new KnowledgeError(file, n + 1, "the right side of '=>' is one English phrase: remove the comma"));
                    continue;
                }

                foreach (var form in line[..arrow].Split(','))
                {
                    var words = Tokens(Fold.Digits(form.Trim())).Where(t => t.IsWord).Select(t => t.Folded).ToArray();
                    if (words.Length == 0)
                    {
                        errors.Add(new KnowledgeError(file, n + 1, $"an empty form before '=>'{(form.Trim().Length > 0 ? $" ('{form.Trim()}' has no letters or digits)" : "")}: remove the extra comma"));
                        continue;
                    }

                    var key = string.Join(' ', words);
                    if (seen.TryGetValue(key, out var other) && other.English != english)
                    {
                        errors.Add(new KnowledgeError(file, n + 1, $"'{form.Trim()}' is already mapped to '{other.English}' on line {other.Line}: keep one meaning per form"));
                        continue;
                    }

                    if (seen.TryAdd(key, (english, n + 1)))
                    {
                        table.Add(new Entry(words, english, file, n + 1));
                    }
                }
            }

            return table;
        }

        private void Add(Entry entry)
        {
            if (!_byFirst.TryGetValue(entry.Words[0], out var list))
            {
                _byFirst[entry.Words[0]] = list = [];
            }

            list.Add(entry);
            Count++;
        }

        /// <summary>The best entry that starts at <paramref name="i"/>: most words, then typed exactly, then most letters.</summary>
        public Match? Match(IReadOnlyList<Token> words, int i)
        {
            Match? best = null;
            foreach (var (first, exactFirst) in Rules.Stems(words[i].Folded, _language))
            {
                if (!_byFirst.TryGetValue(first, out var entries))
                {
                    continue;
                }

                foreach (var entry in entries)
                {
                    if (i + entry.Words.Length > words.Count)
                    {
                        continue;
                    }

                    var exact = exactFirst;
                    var ok = true;
                    for (var j = 1; j < entry.Words.Length && ok; j++)
                    {
                        var word = words[i + j].Folded;
                        if (word == entry.Words[j])
                        {
                            continue;
                        }

                        exact = false;
                        ok = Rules.Stems(word, _language).Any(s => s.Stem == entry.Words[j]);
                    }

                    if (!ok)
                    {
                        continue;
                    }

                    var candidate = new Match(entry, exact, entry.Words.Sum(w => w.Length));
                    if (best is null || Better(candidate, best))
                    {
                        best = candidate;
                    }
                }
            }

            return best;
        }

        private static bool Better(Match a, Match b) =>
            a.Entry.Words.Length != b.Entry.Words.Length ? a.Entry.Words.Length > b.Entry.Words.Length
            : a.Letters != b.Letters ? a.Letters > b.Letters
            : a.Exact && !b.Exact;
    }
}
