using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Search;

namespace PakAzBot.Tests.Languages;

/// <summary>
/// A document that is not the seed article, asked about in each language: its terms are found through the shipped
/// lexicon, and a word the lexicon lacks is found once a moderator adds one line.
/// </summary>
public sealed class NewDocumentTests : IDisposable
{
    private const string Document = """
        ---
        id: test-wire-2024-farm-relief-flights
        title: Rice, relief and flights
        publisher: Test Wire
        published: 2024-01-15
        language: en
        ---

        ## Agriculture

        Pakistan and Azerbaijan signed an agriculture agreement in Ganja on 14 March 2019, under which Azerbaijan imports basmati rice from Pakistan.

        Azerbaijani traders also buy apricots from farms in the north of Pakistan every summer.

        ## Relief

        After the earthquake of October 2005, Azerbaijan sent a field hospital and 1.5 million dollars of aid to Pakistan.

        ## Flights

        The first direct flight between Baku and Lahore landed on 2 April 2023.
        """;

    private readonly TempFolder _folder = new();

    public NewDocumentTests()
    {
        _folder.Write("test-wire.md", Document);
        foreach (var (_, file) in Lexicon.Files)
        {
            File.Copy(Path.Combine(TestPaths.Knowledge, KnowledgeLoader.LexiconFolder, file), Path.Combine(_folder.Path, KnowledgeLoader.LexiconFolder, file).Also(Directory.CreateDirectory));
        }
    }

    public void Dispose() => _folder.Dispose();

    private Answer Ask(string question)
    {
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(_folder.Path));
        return new Answerer(index).Ask(question);
    }

    private static string? First(Answer answer) =>
        answer.Answered ? answer.Citations[0].Passage.Text : answer.Suggestions.FirstOrDefault()?.Citation.Passage.Text;

    [Theory]
    [InlineData("زراعت کے معاہدے پر کب دستخط ہوئے؟", Language.Urdu, "agriculture agreement")]
    [InlineData("zarai muahide par dastakhat kab hue?", Language.RomanUrdu, "agriculture agreement")]
    [InlineData("Kənd təsərrüfatı sazişi nə vaxt imzalanıb?", Language.Azerbaijani, "agriculture agreement")]
    [InlineData("زلزلے کے بعد آذربائیجان نے پاکستان کو کیا بھیجا؟", Language.Urdu, "field hospital")]
    [InlineData("zalzale ke baad azerbaijan ne pakistan ko kya bheja?", Language.RomanUrdu, "field hospital")]
    [InlineData("Zəlzələdən sonra Azərbaycan Pakistana nə göndərib?", Language.Azerbaijani, "field hospital")]
    [InlineData("باکو اور لاہور کے درمیان پہلی براہ راست پرواز کب اتری؟", Language.Urdu, "direct flight")]
    [InlineData("baku aur lahore ke darmiyan pehli direct parwaz kab aayi?", Language.RomanUrdu, "direct flight")]
    [InlineData("Bakı ilə Lahor arasında ilk birbaşa reys nə vaxt olub?", Language.Azerbaijani, "direct flight")]
    public void ANewDocumentsTermsAreFoundFromEachLanguage(string question, Language language, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(language, answer.Language);
        Assert.Contains(expected, First(answer) ?? "(nothing offered)");
    }

    [Fact]
    public void AWordTheLexiconLacksIsFoundOnceAModeratorAddsIt()
    {
        const string question = "Azərbaycan tacirləri Pakistandan ərik alırlar?";
        Assert.DoesNotContain("apricots", First(Ask(question)) ?? "");

        File.AppendAllText(Path.Combine(_folder.Path, KnowledgeLoader.LexiconFolder, "az.txt"), "\nərik => apricot\n");

        Assert.Contains("apricots", First(Ask(question)) ?? "(nothing offered)");
    }
}

internal static class PathExtensions
{
    /// <summary>Runs <paramref name="action"/> on the folder of <paramref name="file"/> and gives the file back.</summary>
    public static string Also(this string file, Func<string, DirectoryInfo> action)
    {
        action(Path.GetDirectoryName(file)!);
        return file;
    }
}
