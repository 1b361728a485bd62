namespace PakAzBot.Core.Learning;

/// <summary>One question's candidates for the listwise fit: a feature row per candidate, and which are right.</summary>
internal sealed record RankList(double[][] Rows, bool[] Gold);

/// <summary>One example for the logistic fit: features and whether answering was right.</summary>
internal sealed record Labeled(double[] Features, bool Right);

/// <summary>
/// The two fits the engine's weights come from, on standardized features (so one penalty weighs every feature alike)
/// with the weights mapped back to raw feature units. Both are convex: the same data always gives the same weights.
/// </summary>
internal static class Fitting
{
    /// <summary>
    /// A linear ranker fitted listwise: for each question, the softmax over its candidates' scores, and the loss is
    /// minus the log of the share given to its right candidates (ListNet with several targets), plus an L2 penalty.
    /// Questions without a right candidate teach nothing and are skipped. Returns 0 (no intercept) then one weight per feature.
    /// </summary>
    public static double[] Listwise(IReadOnlyList<RankList> lists, int features, double l2 = 0.01, int steps = 600)
    {
        var usable = lists.Where(l => l.Gold.Any(g => g) && l.Gold.Any(g => !g)).ToList();
        if (usable.Count == 0)
        {
            return new double[features + 1];
        }

        var (mean, scale) = Standardize(usable.SelectMany(l => l.Rows), features);
        var data = usable.Select(l => (Rows: l.Rows.Select(r => Scaled(r, mean, scale)).ToArray(), l.Gold)).ToList();
        var w = new double[features];
        var adam = new Adam(features, rate: 0.05);
        var grad = new double[features];
        for (var step = 0; step < steps; step++)
        {
            Array.Clear(grad);
            foreach (var (rows, gold) in data)
            {
                var scores = rows.Select(r => Dot(w, r)).ToArray();
                var top = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - top)).ToArray();
                var total = exp.Sum();
                var goldTotal = exp.Where((_, i) => gold[i]).Sum();
                for (var i = 0; i < rows.Length; i++)
                {
                    var coefficient = (exp[i] / total) - (gold[i] ? exp[i] / goldTotal : 0);
                    if (coefficient == 0)
                    {
                        continue;
                    }

                    for (var k = 0; k < features; k++)
                    {
                        grad[k] += coefficient * rows[i][k];
                    }
                }
            }

            for (var k = 0; k < features; k++)
            {
                grad[k] = (grad[k] / data.Count) + (l2 * w[k]);
            }

            adam.Step(w, grad);
        }

        return [0, .. Unscale(w, scale)];
    }

    /// <summary>
    /// Logistic regression with an L2 penalty (not on the intercept), by Newton's method. Returns the intercept, then
    /// one weight per feature.
    /// </summary>
    public static double[] Logistic(IReadOnlyList<Labeled> examples, int features, double l2 = 0.05)
    {
        if (examples.Count == 0)
        {
            return new double[features + 1];
        }

        var (mean, scale) = Standardize(examples.Select(e => e.Features), features);
        var x = examples.Select(e => (double[])[1, .. Scaled(e.Features, mean, scale)]).ToArray();
        var y = examples.Select(e => e.Right ? 1.0 : 0.0).ToArray();
        var n = features + 1;
        var w = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            for (var i = 0; i < x.Length; i++)
            {
                var p = Sigmoid(Dot(w, x[i]));
                var weight = Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a < n; a++)
                {
                    gradient[a] += (p - y[i]) * x[i][a];
                    for (var b = 0; b < n; b++)
                    {
                        hessian[a, b] += weight * x[i][a] * x[i][b];
                    }
                }
            }

            for (var a = 0; a < n; a++)
            {
                gradient[a] /= x.Length;
                for (var b = 0; b < n; b++)
                {
                    hessian[a, b] /= x.Length;
                }

                if (a > 0)
                {
                    gradient[a] += l2 * w[a];
                    hessian[a, a] += l2;
                }
                else
                {
                    hessian[a, a] += 1e-9;
                }
            }

            var delta = Solve(hessian, gradient);
            var change = 0.0;
            for (var a = 0; a < n; a++)
            {
                w[a] -= delta[a];
                change = Math.Max(change, Math.Abs(delta[a]));
            }

            if (change < 1e-8)
            {
                break;
            }
        }

        var raw = Unscale(w[1..], scale);
        return [w[0] - raw.Select((v, k) => v * mean[k]).Sum(), .. raw];
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-Math.Clamp(z, -40, 40)));

    private static double Dot(double[] w, double[] x)
    {
        var sum = 0.0;
        for (var k = 0; k < w.Length; k++)
        {
            sum += w[k] * x[k];
        }

        return sum;
    }

    /// <summary>Each feature's mean and standard deviation; a feature that never varies gets scale 0 (and weight 0).</summary>
    private static (double[] Mean, double[] Scale) Standardize(IEnumerable<double[]> rows, int features)
    {
        var all = rows.ToList();
        var mean = new double[features];
        var scale = new double[features];
        for (var k = 0; k < features; k++)
        {
            var m = all.Average(r => r[k]);
            var sd = Math.Sqrt(all.Average(r => (r[k] - m) * (r[k] - m)));
            mean[k] = m;
            scale[k] = sd < 1e-9 ? 0 : sd;
        }

        return (mean, scale);
    }

    private static double[] Scaled(double[] row, double[] mean, double[] scale) =>
        row.Select((v, k) => scale[k] == 0 ? 0 : (v - mean[k]) / scale[k]).ToArray();

    private static double[] Unscale(double[] w, double[] scale) => w.Select((v, k) => scale[k] == 0 ? 0 : v / scale[k]).ToArray();

    /// <summary>Solves a small symmetric positive definite system by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                continue;
            }

            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                {
                    (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                }

                (v[col], v[pivot]) = (v[pivot], v[col]);
            }

            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                v[row] -= factor * v[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            if (Math.Abs(m[row, row]) < 1e-12)
            {
                continue;
            }

            var sum = v[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= m[row, k] * x[k];
            }

            x[row] = sum / m[row, row];
        }

        return x;
    }

    /// <summary>Adam, for the listwise fit's smooth but badly scaled loss.</summary>
    private sealed class Adam(int size, double rate)
    {
        private readonly double[] _m = new double[size];
        private readonly double[] _v = new double[size];
        private int _t;

        public void Step(double[] w, double[] grad)
        {
            _t++;
            for (var k = 0; k < w.Length; k++)
            {
                _m[k] = (0.9 * _m[k]) + (0.1 * grad[k]);
                _v[k] = (0.999 * _v[k]) + (0.001 * grad[k] * grad[k]);
                var mHat = _m[k] / (1 - Math.Pow(0.9, _t));
                var vHat = _v[k] / (1 - Math.Pow(0.999, _t));
                w[k] -= rate * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }
    }
}
