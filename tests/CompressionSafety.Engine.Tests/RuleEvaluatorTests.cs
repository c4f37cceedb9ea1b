using CompressionSafety.Engine.Rules;
using static CompressionSafety.Engine.Tests.RuleTestData;

namespace CompressionSafety.Engine.Tests;

public sealed class RuleEvaluatorTests
{
    [Fact]
    public void Evaluate_ConditionTrueOnce_FiresImmediatelyWithDeterministicId()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []));

        var incidents = evaluator.Evaluate(Window(3, 0.1));

        var incident = Assert.Single(incidents);
        Assert.Equal(IncidentStatus.Firing, incident.Status);
        Assert.Equal(RuleEvaluator.IncidentId("flagged-up", Int8All, Records.T0.AddMinutes(15)), incident.Id);
        Assert.Equal(0.1, incident.Evidence.Value);
        Assert.Equal(0.08, incident.Evidence.Low!.Value, 12);
        Assert.Equal(0.1, incident.Evidence.ReferenceValue!.Value, 12);
        Assert.Equal(500, incident.Evidence.Samples["baseline.baseline_count"]);
    }

    [Fact]
    public void Evaluate_ForTwo_PendingThenFiring()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule(forWindows: 2)], []));

        Assert.Empty(evaluator.Evaluate(Window(0, 0.1)));
        Assert.Equal(IncidentStatus.Pending, evaluator.StatusOf("flagged-up", Int8All));
        var fired = Assert.Single(evaluator.Evaluate(Window(1, 0.1)));

        Assert.Equal(IncidentStatus.Firing, fired.Status);
        Assert.Equal(Records.T0.AddMinutes(5), fired.FiringSince);
        Assert.Equal([Records.T0, Records.T0.AddMinutes(5)], fired.Evidence.Windows);
    }

    [Fact]
    public void Evaluate_PendingConditionBreaks_BackToInactiveWithoutIncident()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule(forWindows: 2)], []));

        evaluator.Evaluate(Window(0, 0.1));
        var incidents = evaluator.Evaluate(Window(1, 0.0));

        Assert.Empty(incidents);
        Assert.Null(evaluator.StatusOf("flagged-up", Int8All));
        Assert.Empty(evaluator.Evaluate(Window(2, 0.1)));
    }

    [Fact]
    public void Evaluate_ConditionStops_ResolvesWithSameId()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []));
        var firing = Assert.Single(evaluator.Evaluate(Window(0, 0.1)));

        var resolved = Assert.Single(evaluator.Evaluate(Window(1, 0.0)));

        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(firing.Id, resolved.Id);
        Assert.False(evaluator.IsFiring(Int8All));
    }

    [Fact]
    public void Evaluate_KeepFiringForTwo_SurvivesTwoFalseWindowsResolvesOnThird()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule(keep: 2)], []));
        evaluator.Evaluate(Window(0, 0.1));

        Assert.Empty(evaluator.Evaluate(Window(1, 0.0)));
        Assert.Empty(evaluator.Evaluate(Window(2, 0.0)));
        Assert.True(evaluator.IsFiring(Int8All));
        var resolved = Assert.Single(evaluator.Evaluate(Window(3, 0.0)));

        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
    }

    [Fact]
    public void Evaluate_FlapWithinKeepFiringFor_StaysOneIncident()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule(keep: 1)], []));
        evaluator.Evaluate(Window(0, 0.1));

        Assert.Empty(evaluator.Evaluate(Window(1, 0.0)));
        Assert.Empty(evaluator.Evaluate(Window(2, 0.1)));
        Assert.Empty(evaluator.Evaluate(Window(3, 0.0)));

        Assert.Equal(1, evaluator.Counters.Fired);
        Assert.True(evaluator.IsFiring(Int8All));
    }

    [Fact]
    public void Evaluate_RefiringAfterResolution_NewIncidentId()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []));
        var first = evaluator.Evaluate(Window(0, 0.1))[0];
        evaluator.Evaluate(Window(1, 0.0));

        var second = Assert.Single(evaluator.Evaluate(Window(2, 0.1)));

        Assert.Equal(IncidentStatus.Firing, second.Status);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Evaluate_BelowMinimumSamples_DoesNotJudgeAndCountsIt()
    {
        var evaluator = new RuleEvaluator(new RuleSet([Rule(minBaseline: 1000)], []));

        var incidents = evaluator.Evaluate(Window(0, 0.5, baselineCount: 999));

        Assert.Empty(incidents);
        Assert.Equal(1, evaluator.Counters.InsufficientSamples);
        Assert.Equal(0, evaluator.Counters.Judged);
    }

    [Fact]
    public void Evaluate_CriticalFiringOnKey_InhibitsWarningOnSameKeyOnly()
    {
        var critical = Rule("critical-up", severity: RuleSeverity.Critical, threshold: 0.05);
        var warning = Rule("warning-up", severity: RuleSeverity.Warning, threshold: 0.01);
        var evaluator = new RuleEvaluator(new RuleSet([warning, critical], []));
        var other = Int8All with { Slice = "locale=de" };

        var same = evaluator.Evaluate(Window(0, 0.1));
        var elsewhere = evaluator.Evaluate(Window(0, 0.03, other));

        Assert.Equal("critical-up", Assert.Single(same).Rule.Id);
        Assert.Equal("warning-up", Assert.Single(elsewhere).Rule.Id);
        Assert.Equal(1, evaluator.Counters.Inhibited);
    }

    [Fact]
    public void Evaluate_InhibitedIncidentResolves_NoResolvedPublished()
    {
        var critical = Rule("critical-up", severity: RuleSeverity.Critical, threshold: 0.2);
        var warning = Rule("warning-up", threshold: 0.01);
        var evaluator = new RuleEvaluator(new RuleSet([warning, critical], []));
        evaluator.Evaluate(Window(0, 0.3));

        var incidents = evaluator.Evaluate(Window(1, 0.0));

        Assert.Equal("critical-up", Assert.Single(incidents).Rule.Id);
    }

    [Fact]
    public void Evaluate_SilenceMatchesDuringRange_NotPublished()
    {
        var silence = new Silence("maint", new Dictionary<string, string> { ["variant"] = "int8", ["alertname"] = "flagged-*" }, Records.T0, Records.T0.AddMinutes(30));
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], [silence]));

        var during = evaluator.Evaluate(Window(0, 0.1));
        evaluator.Evaluate(Window(1, 0.0));
        var after = evaluator.Evaluate(Window(7, 0.1));

        Assert.Empty(during);
        Assert.Equal(1, evaluator.Counters.Silenced);
        Assert.Equal(IncidentStatus.Firing, Assert.Single(after).Status);
    }

    [Fact]
    public void Evaluate_SilenceMatcherDiffers_Published()
    {
        var silence = new Silence("other", new Dictionary<string, string> { ["variant"] = "!int8" }, Records.T0, Records.T0.AddDays(1));
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], [silence]));

        Assert.Single(evaluator.Evaluate(Window(0, 0.1)));
    }

    [Fact]
    public void Evaluate_SelectorExcludesBaseline_NotJudged()
    {
        var rule = Rule() with { Selector = new KeySelector([], ["!baseline"], ["all", "locale=*"]) };
        var evaluator = new RuleEvaluator(new RuleSet([rule], []));

        Assert.Empty(evaluator.Evaluate(Window(0, 0.1, Int8All with { Variant = "baseline" })));
        Assert.Empty(evaluator.Evaluate(Window(0, 0.1, Int8All with { Slice = "channel=api" })));
        Assert.Single(evaluator.Evaluate(Window(0, 0.1, Int8All with { Slice = "locale=ja" })));
    }

    [Fact]
    public void Evaluate_SinkGiven_ReceivesEveryPublishedChange()
    {
        var sink = new ListSink();
        var evaluator = new RuleEvaluator(new RuleSet([Rule()], []), sink);

        evaluator.Evaluate(Window(0, 0.1));
        evaluator.Evaluate(Window(1, 0.0));

        Assert.Equal([IncidentStatus.Firing, IncidentStatus.Resolved], sink.Items.Select(i => i.Status));
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("int8-*", "int8-dynamic", true)]
    [InlineData("int8-*", "pruned-50", false)]
    [InlineData("locale=?a", "locale=ja", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    public void GlobIsMatch_Patterns_Expected(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(pattern, value));

    private sealed class ListSink : IIncidentSink
    {
        public List<Incident> Items { get; } = [];

        public void Publish(Incident incident) => Items.Add(incident);
    }
}
