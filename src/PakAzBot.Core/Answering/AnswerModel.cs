using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PakAzBot.Core.Answering.Pipeline;

namespace PakAzBot.Core.Answering;

/// <summary>
/// The learned part of the answer engine: the rank stage's weights, the decide stage's weights and the confidence from
/// which an answer is asserted, one set for BM25 alone and one with semantic vectors. Written by <c>pakazbot train</c>
/// from question files (JSON, weights by feature name, so a feature the file does not name weighs 0); the one that
/// ships is <c>Answering/Resources/model.json</c>, fitted on the development and training questions.
/// </summary>
public sealed class AnswerModel
{
    private static readonly Lazy<AnswerModel> Shipped = new(() => Parse(Resources.Text("model.json"), "the shipped model"));

    /// <summary>The model that ships inside the build.</summary>
    public static AnswerModel Default => Shipped.Value;

    public AnswerModel(ModeModel lexical, ModeModel hybrid, JsonObject? fit = null)
    {
        Lexical = lexical;
        Hybrid = hybrid;
        Fit = fit ?? [];
    }

    public ModeModel Lexical { get; }

    public ModeModel Hybrid { get; }

    /// <summary>What the model was fitted on (files, question counts, cross-validated figures), as <c>train</c> wrote it.</summary>
    public JsonObject Fit { get; }

    public ModeModel For(bool semantic) => semantic ? Hybrid : Lexical;

    /// <summary>Reads a model file; a file that is not one is refused with what is wrong.</summary>
    public static AnswerModel Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (IOException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    internal static AnswerModel Parse(string json, string name)
    {
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("not a JSON object");
            var modes = root["modes"]?.AsObject() ?? throw new FormatException("no \"modes\"");
            return new AnswerModel(
                ModeModel.From(modes["lexical"]?.AsObject() ?? throw new FormatException("no \"modes.lexical\"")),
                ModeModel.From(modes["hybrid"]?.AsObject() ?? throw new FormatException("no \"modes.hybrid\"")),
                root["fit"]?.DeepClone().AsObject());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{name} is not an answer model: {e.Message}", e);
        }
    }

    public string ToJson() => new JsonObject
    {
        ["fit"] = Fit.DeepClone(),
        ["modes"] = new JsonObject { ["lexical"] = Lexical.ToJson(), ["hybrid"] = Hybrid.ToJson() },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>The weights of one retrieval mode.</summary>
/// <param name="Rank">0 (no intercept: only differences within a question matter), then one weight per <see cref="RankFeatures.Names"/>.</param>
/// <param name="Decide">The intercept, then one weight per <see cref="Evidence.Names"/>.</param>
/// <param name="AnswerFrom">An answer is asserted from this confidence; below it the closest passages are offered.</param>
/// <param name="SuggestFrom">Passages are offered only when the best one holds at least this share of the question's words.</param>
public sealed record ModeModel(double[] Rank, double[] Decide, double AnswerFrom, double SuggestFrom)
{
    internal static ModeModel From(JsonObject json) => new(
        Weights(json["rank"]?.AsObject(), RankFeatures.Names, intercept: false),
        Weights(json["decide"]?.AsObject(), Evidence.Names, intercept: true),
        Number(json, "answerFrom"),
        Number(json, "suggestFrom"));

    internal JsonObject ToJson() => new()
    {
        ["rank"] = Named(Rank, RankFeatures.Names, intercept: false),
        ["decide"] = Named(Decide, Evidence.Names, intercept: true),
        ["answerFrom"] = Round(AnswerFrom),
        ["suggestFrom"] = Round(SuggestFrom),
    };

    private static double Number(JsonObject json, string key) =>
        json[key]?.GetValue<double>() is { } v && double.IsFinite(v) ? v : throw new FormatException($"\"{key}\" must be a finite number");

    private static double[] Weights(JsonObject? json, string[] names, bool intercept)
    {
        if (json is null)
        {
            throw new FormatException("missing weights");
        }

        var unknown = json.Select(p => p.Key).Where(k => k != "intercept" && !names.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"unknown feature(s): {string.Join(", ", unknown)}");
        }

        double Get(string key) => json[key]?.GetValue<double>() is { } v && double.IsFinite(v) ? v : 0;
        return [intercept ? Get("intercept") : 0, .. names.Select(Get)];
    }

    private static JsonObject Named(double[] weights, string[] names, bool intercept)
    {
        var json = new JsonObject();
        if (intercept)
        {
            json["intercept"] = Round(weights[0]);
        }

        for (var i = 0; i < names.Length; i++)
        {
            json[names[i]] = Round(weights[i + 1]);
        }

        return json;
    }

    private static double Round(double v) => Math.Round(v, 4);
}
