using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// Every date in the TDI article "Pakistan and Azerbaijan: 30 years" (published Saturday 11 June 2022),
/// source file tdi-2022-06-11-pakistan-azerbaijan-30-years.txt, embedded verbatim below.
/// </summary>
public class ArticleDateTests
{
    private static readonly DateOnly Published = new(2022, 6, 11);

    private const string Article =
        """
        Islamabad, 11 June 2022 (TDI): Pakistan and Azerbaijan celebrated the 30th anniversary of their diplomatic relations on Friday.
        In the honor of this event, the Ministry of Foreign Affairs of Pakistan and the Embassy of Azerbaijan in Islamabad put on a special ceremony and a photo show at the Foreign Office.
        Foreign Secretary of Pakistan, Sohail Mahmood, and Azerbaijani Ambassador Khazar Farhadov jointly opened the exhibition.
        The photos on display were chosen with care to show the long history of high-level diplomatic interactions between the two countries as well as important moments in their relationship.
        Pakistan XİN-də #Azərbaycan və #Pakistan arasında diplomatik münasibətlərin qurulmasının 30-cu ildönümü ilə bağlı tədbirlər keçirilib
        🇦🇿🤝🇵🇰https://t.co/bNge6qQ65X pic.twitter.com/jmelvSBmn7— Azerbaijan Emb. to Pakistan (@AzEmbPak) June 10, 2022
        Bilateral Relations
        The relations between the two countries were established when the Republic of Azerbaijan gained independence from the Soviet Union in June of 1992.
        On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.
        Islamabad and Baku have always had good diplomatic and political relations with each other as both countries were formed on Islamic principles.
        The governments of Pakistan and Azerbaijan have made a deal according to which Baku will help Islamabad with the Kashmir issue in exchange for Islamabad’s help with the Nagorno-Karabakh issue.
        Azerbaijan and Pakistan have a unique political relationship that goes beyond borders and distance. It paves the way for collaboration in a variety of fields, particularly the commercial and defense sectors.
        Trade Partnership
        In October 1995, Pakistan and Azerbaijan signed a Trade and Economic Cooperation Agreement. In 1998, the partnership came to an end. There has not been any big economic agreement between the two countries since then.
        The only economic group between Pakistan and Azerbaijan is now the Joint Ministerial Commission (JMC).
        The average bilateral trade turnover between Azerbaijan and Pakistan was 7.3 million USD in the second half of 2018. However, both nations want to increase this number even further in the next five years, based on freshly signed agreements.
        In order to make business better, the Ministries of Economy of Azerbaijan and Pakistan have put together a special group to work on expanding their cooperation on investments.
        A bilateral agreement between Pakistan’s and Azerbaijan’s energy ministries in February 2017 declared that Azerbaijan will send Pakistan a wide range of oil and gas products, such as furnace oil, gasoline, diesel, and liquefied natural gas.
        Defense Cooperation
        Military and defense cooperation between Azerbaijan and Pakistan is characterized by constant communication in the form of high-level meetings, work groups, and other similar engagements between the relevant authorities and institutions of both governments.
        In February 2014, Pakistan and Azerbaijan inked a Bilateral Military Cooperation Agreement.
        In 2018, members of the Pakistani Armed Forces met extensively to explore military and defense cooperation with Baku indicating an interest in purchasing Pakistan’s new JF-17 Thunder fighter jet. The JF-17 Thunder is a joint venture between Pakistan and China, and Baku’s interest in it highlights another potential consequence of Azerbaijan’s Pakistan policy.
        During the previous decade, Pakistan has trained almost a hundred military units in Azerbaijan. On September 12, 2021, Azerbaijan held combined military drills with Pakistan and Turkey.
        Another example of how the two countries collaborate on defense is the Pakistan-Azerbaijan Business Forum, which focuses on defense equipment.
        Recent Senate Resolution on Azerbaijan
        The Pakistani Senate unanimously passed a resolution on May 30th celebrating the 30th anniversary of diplomatic relations between Azerbaijan and Pakistan.
        The Senate affirms its unequivocal support for Azerbaijan’s sovereignty, territorial integrity, and internationally recognized border inviolability. It also remembers Azerbaijan’s important victory in 2020, which ended Armenia’s control over Azerbaijan’s lands for almost 30 years.
        The Senate also accepts a resolution from the Senate Foreign Relations Committee on February 1, 2012, condemning the Khojaly Genocide and restating its long-held and consistent view.
        Because they back one another in territorial conflicts, share geopolitical ideas and can utilize each other’s bilateral relations, Azerbaijan will remain one of Pakistan’s most loyal former Soviet partners for the foreseeable future.
        """;

    private static string[] Lines => Article.Split('\n');

    /// <summary>The exact mentions expected, line by line (0-based line index): a new false positive fails the test.</summary>
    public static TheoryData<int, string, string, string> Expected => new()
    {
        { 0, "11 June 2022", "2022-06-11", "day" },
        { 0, "Friday", "2022-06-10", "day" },
        { 5, "June 10, 2022", "2022-06-10", "day" },
        { 7, "June of 1992", "1992-06", "month" },
        { 8, "December 12, 1991", "1991-12-12", "day" },
        { 13, "October 1995", "1995-10", "month" },
        { 13, "1998", "1998", "year" },
        { 15, "the second half of 2018", "2018", "half-year" },
        { 17, "February 2017", "2017-02", "month" },
        { 20, "February 2014", "2014-02", "month" },
        { 21, "2018", "2018", "year" },
        { 22, "the previous decade", "2010s", "decade" },
        { 22, "September 12, 2021", "2021-09-12", "day" },
        { 25, "May 30th", "2022-05-30", "day" },
        { 26, "2020", "2020", "year" },
        { 27, "February 1, 2012", "2012-02-01", "day" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void RecognizesEachDateOfTheArticleOnItsLine(int line, string text, string iso, string precision)
    {
        var mention = Assert.Single(DateRecognizer.Recognize(Lines[line], Published), m => m.Text == text);

        Assert.Equal(iso, mention.Date.Iso);
        Assert.Equal(precision, mention.Date.PrecisionName);
        Assert.Equal(text, Lines[line].Substring(mention.Start, mention.Length));
    }

    [Fact]
    public void RecognizesExactlyTheArticleDatesLineByLine()
    {
        var found = Lines
            .SelectMany((line, index) => DateRecognizer.Recognize(line, Published)
                .Select(m => (index, m.Text, m.Date.Iso, m.Date.PrecisionName)))
            .ToList();

        var expected = Expected.Select(row => ((int)row[0], (string)row[1], (string)row[2], (string)row[3])).ToList();
        Assert.Equal(expected, found);
    }

    [Fact]
    public void RecognizesTheSameDatesInTheWholeArticleAtOnce()
    {
        var mentions = DateRecognizer.Recognize(Article, Published);

        Assert.Equal(Expected.Select(row => (string)row[1]), mentions.Select(m => m.Text));
        Assert.All(mentions, m => Assert.Equal(m.Text, Article.Substring(m.Start, m.Length)));
    }

    [Fact]
    public void EmbeddedArticleHasTheSourceLines()
    {
        Assert.Equal(29, Lines.Length);
        Assert.StartsWith("Islamabad, 11 June 2022 (TDI)", Lines[0], StringComparison.Ordinal);
        Assert.EndsWith("(@AzEmbPak) June 10, 2022", Lines[5], StringComparison.Ordinal);
    }
}
