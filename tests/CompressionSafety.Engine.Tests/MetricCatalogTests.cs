using CompressionSafety.Engine.Metrics;
using CompressionSafety.Testing;

namespace CompressionSafety.Engine.Tests;

public class MetricCatalogTests
{
    [Fact]
    public void Docs_EveryCatalogueMetric_IsDocumented()
    {
        var docs = File.ReadAllText(RepositoryRoot.Combine("docs", "metrics.md"));
        var missing = MetricCatalog.All
            .Where(m => !m.Name.EndsWith("_low", StringComparison.Ordinal) && !m.Name.EndsWith("_high", StringComparison.Ordinal))
            .Select(m => m.IsFamily ? m.Name + ".<member>" : m.Name)
            .Where(name => !docs.Contains($"`{name}`", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Find_FamilyMember_MatchesItsFamily()
    {
        Assert.Equal("category_rate", MetricCatalog.Find("category_rate.violence")?.Name);
        Assert.Null(MetricCatalog.Find("category_rate"));
        Assert.Equal("positive_probability_psi", MetricCatalog.Find("positive_probability_psi", ReferenceNames.Baseline)?.Name);
        Assert.Null(MetricCatalog.Find("positive_probability_psi"));
    }

    [Fact]
    public void Engine_EveryEmittedMetric_IsInTheCatalogue()
    {
        var engine = new WindowEngine(new EngineOptions { InputReferenceWindows = 1 });
        var t0 = Records.T0;
        var random = new Random(7);
        for (var minute = 0; minute < 20; minute++)
        {
            foreach (var variant in new[] { "baseline", "int8" })
            {
                for (var i = 0; i < 20; i++)
                {
                    var p = random.NextDouble();
                    engine.Process(Records.Prediction(
                        t0.AddMinutes(minute).AddSeconds(i),
                        variant: variant,
                        label: p > 0.5 ? "unsafe" : "safe",
                        unsafeProbability: p,
                        flagged: p > 0.7,
                        refused: p > 0.95,
                        categories: p > 0.7 ? ["violence"] : [],
                        promptFlagged: p > 0.6,
                        shadowLabel: variant == "baseline" ? null : (p > 0.45 ? "unsafe" : "safe"),
                        trueLabel: random.NextDouble() < 0.5 ? "unsafe" : "safe",
                        latency: 5 + (10 * p),
                        length: 100 + (minute * 10) + i,
                        segment: new Dictionary<string, string> { ["locale"] = i % 2 == 0 ? "en" : "de" }));
                }
            }
        }

        engine.Flush();
        var unknown = new List<string>();
        foreach (var result in engine.TakeResults())
        {
            unknown.AddRange(result.Metrics.Keys.Where(m => MetricCatalog.Find(m) is null));
            foreach (var reference in result.References)
            {
                unknown.AddRange(reference.Values.Keys.Where(m => MetricCatalog.Find(m, reference.Reference) is null).Select(m => reference.Reference + ":" + m));
            }
        }

        Assert.Empty(unknown.Distinct());
    }
}
