using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PakAzBot.Core.Knowledge;

/// <summary>A document's YAML front matter: its keys read and checked, its nesting bounded before it is parsed.</summary>
public static partial class KnowledgeLoader
{
    private static (string Id, string Title, string Publisher, DateOnly Published, string? Dateline, string Language, Uri? Url)?
        ParseFrontMatter(string file, string[] lines, List<KnowledgeError> errors)
    {
        const int firstLine = 2;
        var yaml = string.Join('\n', lines);
        if (Encoding.UTF8.GetByteCount(yaml) > MaxFrontMatterBytes)
        {
            errors.Add(new KnowledgeError(file, firstLine,
                $"the front matter is larger than {MaxFrontMatterBytes / 1024} KB; it holds only id, title, publisher, published, language, dateline and url, one short 'key: value' per line"));
            return null;
        }

        YamlMappingNode mapping;
        try
        {
            if (TooDeep(yaml) is { } deep)
            {
                errors.Add(new KnowledgeError(file, firstLine - 1 + deep,
                    $"the front matter nests lists or mappings more than {MaxFrontMatterDepth} deep; write one 'key: value' per line, each value a single line of text"));
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                errors.Add(new KnowledgeError(file, firstLine, "the front matter must be 'key: value' lines (id, title, publisher, published, language)"));
                return null;
            }

            mapping = m;
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            errors.Add(new KnowledgeError(file, firstLine - 1 + (int)e.Start.Line,
                $"the front matter is not valid YAML ({reason}); write one 'key: value' per line and quote values that contain ': '"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives no position for some malformed input (an unclosed '[' or '{').
            errors.Add(new KnowledgeError(file, firstLine,
                "the front matter is not valid YAML; write one 'key: value' per line and quote values that start with '[', '{' or contain ': '"));
            return null;
        }

        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var before = errors.Count;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode k ? k.Value ?? "" : "";
            var line = firstLine - 1 + (int)keyNode.Start.Line;
            if (!RequiredKeys.Contains(key) && !OptionalKeys.Contains(key))
            {
                errors.Add(new KnowledgeError(file, line,
                    $"unknown front matter key '{key}'; the keys are {string.Join(", ", RequiredKeys.Concat(OptionalKeys))}"));
                continue;
            }

            if (valueNode is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
            {
                errors.Add(new KnowledgeError(file, line, $"'{key}' needs a single non-empty value"));
                continue;
            }

            values[key] = (scalar.Value.Trim(), line);
        }

        foreach (var key in RequiredKeys)
        {
            if (!values.ContainsKey(key) && !errors.Skip(before).Any(e => e.Message.StartsWith($"'{key}'", StringComparison.Ordinal)))
            {
                errors.Add(new KnowledgeError(file, 1, $"missing front matter key '{key}'"));
            }
        }

        if (values.TryGetValue("id", out var id) && (!IdPattern().IsMatch(id.Value) || id.Value.Length > MaxIdLength))
        {
            errors.Add(new KnowledgeError(file, id.Line,
                $"id '{id.Value}' is not valid: use at most {MaxIdLength} lower-case letters, digits and hyphens, such as 'tdi-2022-06-11-pakistan-azerbaijan'"));
        }

        var published = default(DateOnly);
        if (values.TryGetValue("published", out var pub)
            && !DateOnly.TryParseExact(pub.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out published))
        {
            errors.Add(new KnowledgeError(file, pub.Line,
                $"published '{pub.Value}' is not a date: write it as YYYY-MM-DD, such as 2022-06-11"));
        }

        if (values.TryGetValue("language", out var lang) && !LanguagePattern().IsMatch(lang.Value))
        {
            errors.Add(new KnowledgeError(file, lang.Line,
                $"language '{lang.Value}' is not a language tag: use one such as 'en' or 'az'"));
        }

        Uri? url = null;
        if (values.TryGetValue("url", out var u)
            && (!Uri.TryCreate(u.Value, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add(new KnowledgeError(file, u.Line, $"url '{u.Value}' is not an absolute http(s) address"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return (values["id"].Value, values["title"].Value, values["publisher"].Value, published,
            values.TryGetValue("dateline", out var d) ? d.Value : null, values["language"].Value, url);
    }

    /// <summary>
    /// The line (in the YAML) where nesting first goes past <see cref="MaxFrontMatterDepth"/>, or null. YamlDotNet's
    /// event parser keeps its own stack, so this pass is safe at any depth; the document model that is loaded after it
    /// recurses once per level, and deep enough input would overflow the stack, which no handler can catch.
    /// </summary>
    private static int? TooDeep(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > MaxFrontMatterDepth)
                    {
                        return (int)parser.Current.Start.Line;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
