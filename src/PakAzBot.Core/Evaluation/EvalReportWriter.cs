using System.Globalization;
using PakAzBot.Core.Answering.Pipeline;

namespace PakAzBot.Core.Evaluation;

/// <summary>The text <c>pakazbot eval</c> prints: overall figures, figures per tag and the reliability table.</summary>
public static class EvalReportWriter
{
    public static void Write(EvalReport report, TextWriter output)
    {
        var all = report.Figures();
        output.WriteLine($"questions: {report.Results.Count} ({report.Answerable} answerable, {report.OffSource} must-decline)");
        output.WriteLine(Invariant($"passage@1: {report.PassageAt1:P1} (answered with the expected passage)"));
        output.WriteLine(Invariant($"answer accuracy: {report.AnswerAccuracy:P1}"));
        output.WriteLine(Invariant($"asserted precision: {Share(all.AssertedRight, all.Asserted)} (right of the answers asserted)"));
        output.WriteLine(Invariant($"in-reply: {Share(all.InReply, all.Answerable)} (the expected passage is the answer or a suggestion)"));
        output.WriteLine(Invariant($"first in reply: {Share(report.First, report.Answerable)} (the expected passage is the answer or the first suggestion)"));
        output.WriteLine(Invariant($"must-decline not asserted: {Share(all.Declined, all.MustDecline)}; answerable not asserted: {Share(all.FalseDeclines, all.Answerable)}"));
        if (report.Languages is { Given: > 0 } languages)
        {
            output.WriteLine($"language: {Share(languages.Detected, languages.Given)} read in the language the file gives");
        }
        output.WriteLine($"outcomes: {all.Asserted} answered, {all.Suggested} suggested, {report.Results.Count - all.Asserted - all.Suggested} declined");
        output.WriteLine($"wrong answers at confidence >= {EvalReport.HighConfidence:0.0}: {all.WrongAtHighConfidence}");

        var tags = report.ByTag();
        if (tags.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("by tag:");
            output.WriteLine($"  {"tag",-16} {"n",4} {"passage@1",10} {"answer",8} {"precision",10} {"in-reply",9} {"md-not-asserted",16} {"not-asserted",13} {"wrong>=0.9",10}");
            foreach (var t in tags)
            {
                output.WriteLine(Invariant($"  {t.Name,-16} {t.Questions,4} {Pct(t.PassageAt1, t.Answerable),10} {Pct(t.AnswerAccuracy, t.Answerable),8} {(t.Asserted == 0 ? "-" : t.AssertedPrecision.ToString("P1", CultureInfo.InvariantCulture)),10} {Pct(t.InReplyShare, t.Answerable),9} {(t.MustDecline == 0 ? "-" : $"{t.Declined}/{t.MustDecline}"),16} {(t.Answerable == 0 ? "-" : $"{t.FalseDeclines}/{t.Answerable}"),13} {t.WrongAtHighConfidence,10}"));
            }
        }

        output.WriteLine();
        output.WriteLine("reliability (answers asserted, by confidence):");
        foreach (var b in report.Reliability())
        {
            output.WriteLine(Invariant($"  [{b.From:0.00}, {b.To:0.00}{(b.To >= 1 ? "]" : ")")} {b.Answers,4} answers, {(b.Answers == 0 ? "-" : b.Accuracy.ToString("P0", CultureInfo.InvariantCulture)),5} right"));
        }

        output.WriteLine();
    }

    /// <summary>One row per question: id, must-decline, answered, correct, confidence, then the decision features.</summary>
    /// <param name="everything">The same questions answered with no confidence threshold, so each row says whether the
    /// best candidate would have been right.</param>
    public static void WriteFeatures(EvalReport everything, string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join('\t', new[] { "id", "must_decline", "answered", "correct", "confidence" }.Concat(Evidence.Names)));
        foreach (var r in everything.Results.Where(r => r.Answer.Evidence.Count > 0))
        {
            var right = r.Correct && r.Answer.Answered ? 1 : 0;
            writer.WriteLine(string.Join('\t', new[] { r.Item.Id, r.Item.Abstain ? "1" : "0", r.Answer.Answered ? "1" : "0", right.ToString(CultureInfo.InvariantCulture),
                r.Answer.Confidence.ToString("0.###", CultureInfo.InvariantCulture) }
                .Concat(r.Answer.Evidence.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)))));
        }
    }

    private static string Share(int part, int whole) => whole == 0 ? "-" : Invariant($"{part} of {whole} ({(double)part / whole:P1})");

    private static string Pct(double value, int whole) => whole == 0 ? "-" : value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
