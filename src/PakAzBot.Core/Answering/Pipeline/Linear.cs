namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>The one linear model both the span ranker and the decide stage use: an intercept and a weight per feature.</summary>
internal static class Linear
{
    /// <summary><paramref name="weights"/>[0] plus the sum of each later weight times its feature; a non-finite feature counts as 0.</summary>
    public static double Score(double[] weights, IReadOnlyList<double> features)
    {
        var z = weights[0];
        for (var i = 0; i < features.Count; i++)
        {
            z += weights[i + 1] * (double.IsFinite(features[i]) ? features[i] : 0);
        }

        return z;
    }
}
