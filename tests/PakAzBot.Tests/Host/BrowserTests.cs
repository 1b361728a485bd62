using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using PakAzBot.Core.Feedback;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace PakAzBot.Tests.Host;

/// <summary>Runs only where Debian's chromium and chromium-driver are installed (.ci/run installs them).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            Skip = $"needs {Browser} and {Driver} (apt-get install chromium chromium-driver)";
        }
    }
}

/// <summary>A theory that runs only where <see cref="ChromiumFactAttribute"/> would.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute() => Skip = new ChromiumFactAttribute().Skip;
}

/// <summary>The web chat page, driven in real headless Chromium the way a person uses it.</summary>
[Collection(HostCollection.Name)]
public sealed class BrowserTests : IAsyncLifetime
{
    private readonly TempFolder _feedback = new();
    private TestBot _bot = null!;
    private ChromeDriver? _browser;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(realServer: true, waitForIndex: true, $"Feedback:Path={Path.Combine(_feedback.Path, "feedback.db")}");

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        await _bot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _feedback.Dispose();
    }

    private ChromeDriver Browser(int width = 1200, int height = 900, bool phone = false)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver), Path.GetFileName(ChromiumFactAttribute.Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", $"--window-size={width},{height}");
        if (phone)
        {
            // Headless windows are at least 500 px wide; a phone's viewport needs device emulation.
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings("Mozilla/5.0 (Linux; Android 14) Mobile") { Width = width, Height = height, PixelRatio = 3, EnableTouchEvents = true });
        }

        _browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        return _browser;
    }

    /// <summary>Saves what the page shows when PAKAZBOT_SCREENSHOTS names a folder, for people to look at.</summary>
    private static void Screenshot(ChromeDriver browser, string name)
    {
        if (Environment.GetEnvironmentVariable("PAKAZBOT_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            browser.GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
        }
    }

    private static IWebElement WaitFor(IWebDriver browser, By by) =>
        new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d => d.FindElements(by).FirstOrDefault(e => e.Displayed));

    [ChromiumFact]
    public void AskingOnThePageShowsTheAnswerCitationAndDate()
    {
        var browser = Browser();
        browser.Navigate().GoToUrl(_bot.BaseAddress);

        var input = WaitFor(browser, By.Id("question"));
        input.SendKeys("When did Pakistan recognize Azerbaijan?" + Keys.Enter);

        Assert.Equal("12 December 1991", WaitFor(browser, By.Id("answer-short")).Text);
        Assert.Equal("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", browser.FindElement(By.Id("answer-quote")).Text);
        Assert.Equal("— The Diplomatic Insight, 11 June 2022 · Bilateral Relations ¶7", browser.FindElement(By.Id("answer-citation")).Text);
        Assert.Equal("Event date: 12 December 1991", browser.FindElement(By.Id("answer-date")).Text);
        Screenshot(browser, "answer");
    }

    [ChromiumFact]
    public void AnAbstentionSaysSoAndListsWhatTheSourcesCover()
    {
        var browser = Browser();
        browser.Navigate().GoToUrl(_bot.BaseAddress);

        WaitFor(browser, By.Id("question")).SendKeys("What is the capital of France?" + Keys.Enter);

        var abstention = WaitFor(browser, By.Id("abstention"));
        Assert.Contains("I can't answer that from my sources.", abstention.Text, StringComparison.Ordinal);
        Assert.Contains("Bilateral Relations", abstention.Text, StringComparison.Ordinal);
        Screenshot(browser, "abstention");
    }

    [ChromiumFact]
    public async Task NotSureTheBotOffersTheClosestPassagesAndAPickShowsThatPassagesAnswer()
    {
        var browser = Browser();
        browser.Navigate().GoToUrl(_bot.BaseAddress);

        // First "None of these": the passages stay to read, the choices go.
        WaitFor(browser, By.Id("question")).SendKeys(Questions.Suggested + Keys.Enter);
        WaitFor(browser, By.Id("suggestions"));
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#suggestions button.pick")));
        Screenshot(browser, "suggestions");
        browser.FindElement(By.Id("none-of-these")).Click();
        new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d => d.FindElements(By.CssSelector("#suggestions button")).Count == 0);
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#suggestions blockquote")));
        Assert.False(string.IsNullOrWhiteSpace(browser.FindElement(By.Id("pick-status")).Text));

        // Asked again, a passage is picked with the keyboard alone: that passage's answer replaces the suggestions.
        var box = browser.FindElement(By.Id("question"));
        box.Clear();
        box.SendKeys(Questions.Suggested + Keys.Enter);
        var pick = new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d => d.FindElements(By.CssSelector("#suggestions button.pick")).FirstOrDefault(b => b.Enabled));
        var passageId = pick.GetAttribute("data-passage")!;
        pick.SendKeys(Keys.Enter);

        WaitFor(browser, By.Id("answer-picked"));
        Screenshot(browser, "picked");
        Assert.True(Seed.Knowledge.TryGetPassage(passageId, out var passage));
        Assert.Contains(browser.FindElement(By.Id("answer-quote")).Text, passage.Text, StringComparison.Ordinal);
        Assert.EndsWith($"¶{passage.Number}", browser.FindElement(By.Id("answer-citation")).Text, StringComparison.Ordinal);
        Assert.Empty(browser.FindElements(By.Id("suggestions")));
        Assert.Equal("answer-card", browser.SwitchTo().ActiveElement().GetAttribute("id"));

        var client = (string)((IJavaScriptExecutor)browser).ExecuteScript("return localStorage.getItem('pakazbot-client-id');")!;
        var picks = await _bot.Services.GetRequiredService<IFeedbackStore>().ReadPicksAsync();
        Assert.Equal(2, picks.Count);
        Assert.All(picks, p => Assert.Equal(("web", client, Questions.Suggested), (p.Surface, p.UserId, p.Question)));
        Assert.True(picks[0].NoneOfThese);
        Assert.Equal(passageId, picks[1].PassageId);
        Assert.NotEqual(picks[0].Reply, picks[1].Reply);
    }

    [ChromiumFact]
    public void QuestionTextIsShownAsTextNeverAsMarkup()
    {
        var browser = Browser();
        browser.Navigate().GoToUrl(_bot.BaseAddress);

        // Known HTML tags are cleaned out of a question by the normalizer; what is left, angle brackets and all, is text.
        const string question = "When did Pakistan <recognize> Azerbaijan? <insert name> & 1 < 2";
        WaitFor(browser, By.Id("question")).SendKeys(question + Keys.Enter);

        Assert.Equal("You asked: " + question, WaitFor(browser, By.Id("answer-asked")).Text);

        var box = browser.FindElement(By.Id("question"));
        box.Clear();
        box.SendKeys("When did Pakistan <b>recognize</b> Azerbaijan? <img src=x>" + Keys.Enter);
        new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d => d.FindElement(By.Id("answer-asked")).Text != "You asked: " + question);
        Assert.Equal("You asked: When did Pakistan recognize Azerbaijan?", browser.FindElement(By.Id("answer-asked")).Text);
        Assert.Empty(browser.FindElements(By.CssSelector("#answer img, #answer b, #answer recognize, #answer insert")));
    }

    [ChromiumFact]
    public void TheTimelineWorksWithTheKeyboardAloneOnAPhoneWidthScreen()
    {
        var browser = Browser(width: 390, height: 844, phone: true);
        browser.Navigate().GoToUrl(_bot.BaseAddress);
        WaitFor(browser, By.Id("question"));

        // Tab from the question box back to the tabs is not needed: focus the Ask tab and move with the arrow key.
        browser.FindElement(By.Id("tab-ask")).SendKeys(Keys.ArrowRight);
        Assert.Equal("tab-timeline", browser.SwitchTo().ActiveElement().GetAttribute("id"));
        var topic = WaitFor(browser, By.Id("timeline-topic"));
        topic.SendKeys("Khojaly" + Keys.Enter);

        var entries = new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d =>
        {
            var items = d.FindElements(By.CssSelector("#timeline li"));
            return items.Count == 1 ? items : null;
        });
        Assert.StartsWith("1 February 2012", entries[0].Text, StringComparison.Ordinal);
        var widths = (IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript("return [window.innerWidth, document.documentElement.scrollWidth];")!;
        var (viewport, page) = (Convert.ToInt64(widths.First(), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(widths.Last(), System.Globalization.CultureInfo.InvariantCulture));
        Screenshot(browser, "timeline-phone");
        Assert.Equal(390, viewport);
        Assert.True(page <= viewport, $"the page is {page}px wide on a {viewport}px screen");
    }

    [ChromiumFact]
    public void TheTimelinePictureLinksEachMarkToItsStatementWithLabelsApart()
    {
        var browser = Browser();
        browser.Navigate().GoToUrl(_bot.BaseAddress);
        WaitFor(browser, By.Id("tab-timeline")).Click();
        var marks = new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d =>
        {
            var found = d.FindElements(By.CssSelector("#timeline svg a.mark"));
            return found.Count > 0 ? found : null;
        });
        var items = browser.FindElements(By.CssSelector("#timeline ol.timeline li"));

        Assert.Equal(15, items.Count);
        Assert.Equal(items.Count, marks.Count);
        var svg = browser.FindElement(By.CssSelector("#timeline svg"));
        Assert.Equal("group", svg.GetAttribute("role"));
        Assert.StartsWith("Timeline · 15 dated statements", svg.GetAttribute("aria-label"), StringComparison.Ordinal);
        AssertLabelsApart(browser);
        Screenshot(browser, "timeline-picture");

        // A mark is a link: clicked, the page goes to its statement and the focus with it.
        var last = marks[^1];
        var target = last.GetDomAttribute("href")!;
        last.Click();
        var js = (IJavaScriptExecutor)browser;
        Assert.Equal(target, js.ExecuteScript("return location.hash;"));
        Assert.Equal(target.TrimStart('#'), browser.SwitchTo().ActiveElement().GetAttribute("id"));
        Assert.StartsWith("10 June 2022", browser.SwitchTo().ActiveElement().Text, StringComparison.Ordinal);

        // And with the keyboard alone: the marks are in the tab order, and Enter follows one.
        js.ExecuteScript("document.querySelector('#timeline svg a.mark').focus();");
        Assert.Equal("mark", browser.SwitchTo().ActiveElement().GetAttribute("class"));
        browser.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        new WebDriverWait(browser, TimeSpan.FromSeconds(5)).Until(d => d.SwitchTo().ActiveElement().TagName == "li");
        Assert.StartsWith("12 December 1991", browser.SwitchTo().ActiveElement().Text, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task TwoHundredStatementsOverFortyYearsStayReadable()
    {
        using var knowledge = new TempFolder();
        knowledge.Write("synthetic.md", Timeline.TimelineFixtures.Document(200, 1985, 40));
        await _bot.DisposeAsync();
        _bot = await TestBot.StartAsync(realServer: true, waitForIndex: true, $"Knowledge:Path={knowledge.Path}", $"Feedback:Path={Path.Combine(_feedback.Path, "feedback.db")}");

        var browser = Browser(1200, 1400);
        browser.Navigate().GoToUrl(_bot.BaseAddress);
        WaitFor(browser, By.Id("tab-timeline")).Click();
        var marks = new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d =>
        {
            var found = d.FindElements(By.CssSelector("#timeline svg a.mark"));
            return found.Count > 0 ? found : null;
        });

        Assert.Equal(200, marks.Count);
        Assert.Equal(200, browser.FindElements(By.CssSelector("#timeline ol.timeline li")).Count);
        var labels = AssertLabelsApart(browser);
        Assert.InRange(labels, 10, 199);
        Assert.StartsWith($"+{200 - labels} more", browser.FindElement(By.CssSelector("#timeline svg text.more")).Text, StringComparison.Ordinal);
        Screenshot(browser, "timeline-picture-200");
    }

    /// <summary>No two labels of the picture overlap as the browser draws them; returns how many there are.</summary>
    private static int AssertLabelsApart(ChromeDriver browser)
    {
        var boxes = ((IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript(
            "return [...document.querySelectorAll('#timeline svg text.label')].map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });")!)
            .Select(b => ((IReadOnlyCollection<object>)b).Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.NotEmpty(boxes);
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
                Assert.False(overlap, $"labels {i} [{string.Join(", ", a)}] and {j} [{string.Join(", ", b)}] overlap");
            }
        }

        return boxes.Count;
    }

    [ChromiumTheory]
    [InlineData(1200, 900, false)]
    [InlineData(390, 844, true)]
    public void AQuestionInUrduIsRepliedToRightToLeftWithTheQuoteInEnglish(int width, int height, bool phone)
    {
        var browser = Browser(width, height, phone);
        browser.Navigate().GoToUrl(_bot.BaseAddress);
        var urdu = PakAzBot.Core.Languages.ReplyText.For(PakAzBot.Core.Languages.Language.Urdu);

        // Whatever the sources make of it, the reply's own words are Urdu, right to left.
        Ask(browser, "پاکستان نے آذربائیجان کو کب تسلیم کیا تھا؟");
        var card = WaitFor(browser, By.CssSelector("#answer .card"));
        Assert.Equal(("ur", "auto"), (card.GetAttribute("lang"), card.GetAttribute("dir")));
        Assert.Equal("rtl", Direction(browser, card));
        Assert.Equal("rtl", Direction(browser, browser.FindElement(By.Id("answer-asked"))));
        Assert.Contains(urdu.YouAsked(""), card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("You asked", card.Text, StringComparison.Ordinal);
        Screenshot(browser, $"urdu-{width}");

        // A question that mixes in English words gets passages: their quotes and citations are English, left to right,
        // inside the right-to-left reply.
        Ask(browser, "پاکستان نے آذربائیجان کو کب recognize کیا تھا؟");
        var quotes = new WebDriverWait(browser, TimeSpan.FromSeconds(15)).Until(d =>
        {
            var found = d.FindElements(By.CssSelector("#answer blockquote"));
            return found.Count > 0 && d.FindElement(By.Id("answer-asked")).Text.Contains("recognize", StringComparison.Ordinal) ? found : null;
        });
        Assert.Equal("rtl", Direction(browser, browser.FindElement(By.CssSelector("#answer .card"))));
        foreach (var english in quotes.Concat(browser.FindElements(By.CssSelector("#answer .citation"))))
        {
            // The language an element is in is that of its nearest ancestor-or-self with a lang attribute.
            var lang = (string)((IJavaScriptExecutor)browser).ExecuteScript("return arguments[0].closest('[lang]').getAttribute('lang');", english)!;
            Assert.Equal(("en", "ltr"), (lang, Direction(browser, english)));
            Assert.DoesNotContain(english.Text, c => c is >= '\u0600' and <= '\u06FF');
        }

        Assert.Contains(urdu.NotSure + urdu.CannotAnswerSentence + urdu.EventDate, c => browser.FindElement(By.CssSelector("#answer .card")).Text.Contains(c, StringComparison.Ordinal));
        var widths = (IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript("return [window.innerWidth, document.documentElement.scrollWidth];")!;
        var (viewport, page) = (Convert.ToInt64(widths.First(), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(widths.Last(), System.Globalization.CultureInfo.InvariantCulture));
        Screenshot(browser, $"urdu-passages-{width}");
        Assert.Equal(width, viewport);
        Assert.True(page <= viewport, $"the page is {page}px wide on a {viewport}px screen");
    }

    [ChromiumFact]
    public void AnAzerbaijaniAnswerShowsItsDateAsAzerbaijanisWriteIt()
    {
        var browser = Browser();
        browser.Navigate().GoToUrl(_bot.BaseAddress);
        var azerbaijani = PakAzBot.Core.Languages.ReplyText.For(PakAzBot.Core.Languages.Language.Azerbaijani);

        // An English question with the Azerbaijani name of the country: answered, in Azerbaijani around the English quote.
        Ask(browser, "When did Pakistan recognize Azərbaycan?");

        var card = WaitFor(browser, By.Id("answer-card"));
        Assert.Equal(("az", "ltr"), (card.GetAttribute("lang"), Direction(browser, card)));
        Assert.Equal("12 dekabr 1991", browser.FindElement(By.Id("answer-short")).Text);
        Assert.Equal($"{azerbaijani.EventDate}: 12 dekabr 1991", browser.FindElement(By.Id("answer-date")).Text);
        Assert.Equal("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", browser.FindElement(By.Id("answer-quote")).Text);
    }

    private static void Ask(ChromeDriver browser, string question)
    {
        var box = WaitFor(browser, By.Id("question"));
        box.Clear();
        box.SendKeys(question + Keys.Enter);
    }

    private static string Direction(IWebDriver browser, IWebElement element) =>
        (string)((IJavaScriptExecutor)browser).ExecuteScript("return getComputedStyle(arguments[0]).direction;", element)!;
}
