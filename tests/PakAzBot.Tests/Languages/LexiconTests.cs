using PakAzBot.Core.Answering;
using PakAzBot.Core.Evaluation;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Search;

namespace PakAzBot.Tests.Languages;

public sealed class LexiconTests
{
    private static Lexicon Parse(Language language, string text, List<KnowledgeError>? errors = null) =>
        Lexicon.Parse([(language, "lexicon/x.txt", text)], errors ?? []);

    private static readonly Lexicon Shipped = KnowledgeLoader.Load(TestPaths.Knowledge).Lexicon;

    [Fact]
    public void BadLinesAreReportedWithTheirLineAndWhatToFix()
    {
        var errors = new List<KnowledgeError>();
        var lexicon = Parse(Language.Azerbaijani, """
            # a comment
            nə vaxt => when
            tanımaq recognize
            a => b => c
            , kim => who
            hansı => which, what
            nə vaxt => what
            """, errors);

        Assert.Equal([3, 4, 5, 6, 7], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal("lexicon/x.txt", e.File));
        Assert.Contains("=>", errors[0].Message);
        Assert.Contains("already mapped to 'when' on line 2", errors[4].Message);

        // What is good still loads.
        Assert.Equal("when", lexicon.Read("Ne vaxt?", Language.Azerbaijani, _ => false).English.TrimEnd('?'));
    }

    [Fact]
    public void ABadLexiconFileFailsTheKnowledgeFolderLikeABadDocument()
    {
        using var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Knowledge, "*.md"))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        folder.Write("lexicon/az.txt", "nə vaxt => when\nkim\n");
        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));
        var only = Assert.Single(error.Errors);
        Assert.Equal(("lexicon/az.txt", 2), (only.File, only.Line));
    }

    [Fact]
    public void AFolderWithoutALexiconReadsQuestionsWithTheShippedOne()
    {
        using var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Knowledge, "*.md"))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        var knowledge = KnowledgeLoader.Load(folder.Path);
        Assert.Equal(Shipped.Counts, knowledge.Lexicon.Counts);
        Assert.All(Lexicon.Files, f => Assert.True(knowledge.Lexicon.Counts.GetValueOrDefault(f.Language) > 100, f.File));
    }

    [Theory]
    [InlineData("پاکستان نے آذربائیجان کو کب تسلیم کیا؟", Language.Urdu)]
    [InlineData("pakistan ne azerbaijan ko kab recognize kiya", Language.RomanUrdu)]
    [InlineData("trade wali partnership kb khatam hui thi", Language.RomanUrdu)]
    [InlineData("Pakistan Azərbaycanı nə vaxt tanıyıb?", Language.Azerbaijani)]
    [InlineData("pakistan azerbaycani ne vaxt taniyib", Language.Azerbaijani)]
    [InlineData("When did Pakistan recognize Azerbaijan?", Language.English)]
    [InlineData("when did pakistan recognize azerbaijan, yaar?", Language.English)]
    [InlineData("JF-17", Language.English)]
    public void TellsTheLanguageFromTheScriptAndTheWords(string question, Language expected) =>
        Assert.Equal(expected, Shipped.Detect(question));

    [Theory]
    [InlineData("1992?")]
    [InlineData("")]
    [InlineData("?!")]
    public void AQuestionWithoutWordsIsTooShortToTell(string question) => Assert.Null(Shipped.Detect(question));

    [Fact]
    public void EveryEnglishQuestionOfTheEvalFilesIsReadAsEnglish()
    {
        var files = new[] { "dev.jsonl", "heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", Path.Combine("dev2", "dev2.jsonl"), Path.Combine("train", "train.jsonl") };
        var words = Seed.Knowledge.Passages.SelectMany(p => p.Text.Split(' ')).Select(w => Fold.Word(w.Trim('.', ',', '?', '"', '(', ')'))).ToHashSet();
        var questions = files.SelectMany(f => Evaluator.Read(TestPaths.Data(f))).Select(i => i.Question).ToList();
        Assert.True(questions.Count > 600);
        var misread = questions.Where(q => Shipped.Detect(q, words.Contains) is { } l && l != Language.English).ToList();
        Assert.Empty(misread);
    }

    [Theory]
    [InlineData("پاکستان نے آذربائیجان کو کب تسلیم کیا تھا؟", "when did Pakistan recognize Azerbaijan")]
    [InlineData("آذربائیجان نے پاکستان کو کب تسلیم کیا تھا؟", "when did Azerbaijan recognize Pakistan")]
    [InlineData("pakistan ne azerbaijan ko kab tasleem kiya", "when did Pakistan recognize Azerbaijan")]
    [InlineData("Pakistan Azərbaycanı nə vaxt tanıyıb?", "when did Pakistan recognize Azerbaijan")]
    public void ReadsWhoDidWhatToWhomInEnglishOrder(string question, string reading)
    {
        var language = Shipped.Detect(question)!.Value;
        Assert.StartsWith(reading, Shipped.Read(question, language, _ => false).English, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Pakistan Silahlı Qüvvələrinin üzvləri Bakı ilə hərbi əməkdaşlığı hansı ildə müzakirə ediblər?")]
    [InlineData("Pakistan hökumətinin nümayəndələri Azərbaycanı nə vaxt ziyarət ediblər?")]
    public void ANameInsideALongerSubjectIsNotMadeTheOneWhoDidIt(string question)
    {
        // "the members of the Pakistan Armed Forces discussed …" is not "did Pakistan discuss …": the role check must
        // not read the name alone as the subject.
        var reading = Shipped.Read(question, Language.Azerbaijani, _ => false).English;
        Assert.DoesNotContain("did Pakistan", reading, StringComparison.Ordinal);
        Assert.Contains("Pakistan", reading, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1992-ci ildə nə baş verdi?", "1992")]
    [InlineData("2021-ci ilin sentyabrında nə oldu?", "September 2021")]
    [InlineData("۱۹۹۵ میں کیا ہوا؟", "1995")]
    public void WritesDatesAsEnglishDoes(string question, string date)
    {
        var language = Shipped.Detect(question)!.Value;
        Assert.Contains(date, Shipped.Read(question, language, _ => false).English, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("1995 mein kya hua", 1995)]
    [InlineData("1992-ci ildə nə baş verdi?", 1992)]
    [InlineData("۱۹۹۵ میں کیا ہوا؟", 1995)]
    [InlineData("2021-ci ilin sentyabrında nə oldu?", 2021)]
    public void ADateLedQuestionIsAnsweredFromTheTimelineInEachLanguage(string question, int year)
    {
        var answer = new Answerer(Seed.Lexical).Ask(question);

        Assert.True(answer.Answered, $"{answer.Outcome} ({answer.Confidence})");
        Assert.Equal(year, answer.Date!.Date.Year);
        Assert.NotEqual(Language.English, answer.Language);
    }

    [Theory]
    [InlineData("kya pakistan pehla mulk tha?")]
    [InlineData("کیا یہ سچ ہے کہ قرارداد منظور ہوئی؟")]
    [InlineData("Azərbaycan Pakistanın tərəfdaşı olaraq qalacaqmı?")]
    [InlineData("Azərbaycan yaxın gələcəkdə Pakistanın sadiq tərəfdaşı olaraq qalacaqmı?")]
    public void AYesNoQuestionStaysOne(string question)
    {
        var language = Shipped.Detect(question)!.Value;
        var reading = Shipped.Read(question, language, _ => false).English;
        Assert.Equal(QuestionType.YesNo, QuestionClassifier.Classify(reading));

        // One auxiliary: a clause put in English order ("did X verb …") asks yes or no by itself.
        Assert.DoesNotMatch(@"^is did\b", reading);
    }

    [Theory]
    [InlineData("آذربائیجان پاکستان کو کون کون سی مصنوعات بھیجے گا؟")]
    [InlineData("azerbaijan pakistan ko kon kon si cheezen bhejega")]
    public void ARepeatedQuestionWordAsksWhichNotWho(string question)
    {
        var language = Shipped.Detect(question)!.Value;
        Assert.StartsWith("which", Shipped.Read(question, language, _ => false).English, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldsSpellingsPeopleTypeForTheSameWord()
    {
        var lexicon = Parse(Language.Azerbaijani, "əməkdaşlıq => cooperation\nsəfirlik => embassy\n");
        foreach (var typed in new[] { "əməkdaşlığa", "emekdasliga", "ƏMƏKDAŞLIQ", "emekdasliqdan" })
        {
            Assert.Equal("cooperation", lexicon.Read(typed, Language.Azerbaijani, _ => false).English);
        }

        // A stem matches only what goes on from it by an ending's length.
        Assert.Equal("səfirliklərimizdənmişsiniz", lexicon.Read("səfirliklərimizdənmişsiniz", Language.Azerbaijani, _ => false).English);
        Assert.Equal("embassy", lexicon.Read("Səfirliyi", Language.Azerbaijani, _ => false).English);

        var urdu = Parse(Language.Urdu, "ملک => country\nآذربائیجان => Azerbaijan\n");
        Assert.Equal("country", urdu.Read("ملکوں", Language.Urdu, _ => false).English);
        Assert.Equal("Azerbaijan", urdu.Read("آذربائيجان", Language.Urdu, _ => false).English); // Arabic yeh
    }

    [Fact]
    public void AnAzerbaijaniWordOfTheSourcesIsReadWithoutItsEnding()
    {
        var lexicon = Parse(Language.Azerbaijani, "nə vaxt => when\n");
        var reading = lexicon.Read("Ankaraya nə vaxt?", Language.Azerbaijani, w => w == "ankara");
        Assert.Equal("when ankara?", reading.English);
    }

    [Fact]
    public void ReadsAnyStringWithoutThrowing()
    {
        var random = new Random(18);
        var alphabet = "abcəğıöşçüİ ' -?،؟۔۱۲پاکستانکبنےکو\ud800\udc00\ud800x".ToCharArray();
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var language = Shipped.Detect(text);
            foreach (var l in LanguageCodes.All)
            {
                Assert.NotNull(Shipped.Read(text, l, _ => true).English);
            }

            Assert.True(language is null || LanguageCodes.All.Contains(language.Value));
        }
    }
}
