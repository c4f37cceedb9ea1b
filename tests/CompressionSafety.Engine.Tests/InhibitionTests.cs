using System.Text.Json;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using static CompressionSafety.Engine.Tests.RuleTestData;

namespace CompressionSafety.Engine.Tests;

/// <summary>
/// Inhibition of incidents already firing: a critical incident that starts on a key mutes the lower-severity ones
/// there (announced once more, marked), and when the last critical one resolves the ones still firing are announced again.
/// </summary>
public sealed class InhibitionTests
{
    // Same metric, so the warning (diff > 0.01) holds whenever the critical one (diff > 0.05) does; the critical rule
    // needs two windows, so a warning can fire first.
    private static RuleEvaluator Evaluator(int criticalFor = 2, int criticalKeep = 0) => new(new RuleSet(
        [
            Rule("warning-up", severity: RuleSeverity.Warning, threshold: 0.01),
            Rule("critical-up", forWindows: criticalFor, keep: criticalKeep, severity: RuleSeverity.Critical, threshold: 0.05),
        ],
        []));

    private static string Describe(Incident i) =>
        $"{i.Rule.Id} {i.Status.ToString().ToLowerInvariant()}{(i.Inhibited ? " inhibited" : "")}";

    [Fact]
    public void Evaluate_CriticalStartsWhileWarningFires_WarningAnnouncedAgainAsInhibited()
    {
        var evaluator = Evaluator();
        var warning = Assert.Single(evaluator.Evaluate(Window(0, 0.1)));

        var published = evaluator.Evaluate(Window(1, 0.1));

        Assert.Equal(["critical-up firing", "warning-up firing inhibited"], published.Select(Describe));
        Assert.Equal(warning.Id, published[1].Id);
        Assert.Equal(published[0].Id, published[1].InhibitedBy);
        Assert.Equal(Records.T0.AddMinutes(5), published[1].WindowStart);
        Assert.Equal(Records.T0, published[1].FiringSince);
        Assert.Equal(1, evaluator.Counters.Inhibited);
        Assert.True(evaluator.IsFiring(Int8All));
    }

    [Fact]
    public void Evaluate_InhibitedWarningKeepsFiring_NothingMorePublished()
    {
        var evaluator = Evaluator();
        evaluator.Evaluate(Window(0, 0.1));
        evaluator.Evaluate(Window(1, 0.1));

        Assert.Empty(evaluator.Evaluate(Window(2, 0.1)));
    }

    [Fact]
    public void Evaluate_InhibitedWarningResolvesWhileCriticalFires_ResolutionMarkedInhibited()
    {
        var evaluator = Evaluator(criticalKeep: 1);
        var warning = evaluator.Evaluate(Window(0, 0.1))[0];
        var critical = evaluator.Evaluate(Window(1, 0.1))[0];

        var published = evaluator.Evaluate(Window(2, 0.0));

        var resolved = Assert.Single(published);
        Assert.Equal("warning-up resolved inhibited", Describe(resolved));
        Assert.Equal(warning.Id, resolved.Id);
        Assert.Equal(critical.Id, resolved.InhibitedBy);
        Assert.Equal(IncidentStatus.Firing, evaluator.StatusOf("critical-up", Int8All));
    }

    [Fact]
    public void Evaluate_CriticalResolvesWhileWarningStillFires_WarningAnnouncedAgainNotInhibited()
    {
        var evaluator = Evaluator();
        var warning = evaluator.Evaluate(Window(0, 0.1))[0];
        evaluator.Evaluate(Window(1, 0.1));

        var published = evaluator.Evaluate(Window(2, 0.03));

        Assert.Equal(["critical-up resolved", "warning-up firing"], published.Select(Describe));
        Assert.Equal(warning.Id, published[1].Id);
        Assert.Null(published[1].InhibitedBy);
        Assert.Equal(Records.T0.AddMinutes(10), published[1].WindowStart);
        Assert.Equal(0.03, published[1].Evidence.Value);
        Assert.Empty(evaluator.Evaluate(Window(3, 0.03)));
        Assert.Equal("warning-up resolved", Describe(Assert.Single(evaluator.Evaluate(Window(4, 0.0)))));
    }

    [Fact]
    public void Evaluate_WarningStartedUnderCriticalStillFiresWhenCriticalResolves_FirstAnnouncedThen()
    {
        var evaluator = Evaluator(criticalFor: 1);
        Assert.Equal(["critical-up firing"], evaluator.Evaluate(Window(0, 0.1)).Select(Describe));

        var published = evaluator.Evaluate(Window(1, 0.03));

        Assert.Equal(["critical-up resolved", "warning-up firing"], published.Select(Describe));
        Assert.Equal(Records.T0, published[1].FiringSince);
        Assert.Equal(RuleEvaluator.IncidentId("warning-up", Int8All, Records.T0), published[1].Id);
        Assert.True(evaluator.IsFiring(Int8All));
        Assert.Equal("warning-up resolved", Describe(Assert.Single(evaluator.Evaluate(Window(2, 0.0)))));
        Assert.False(evaluator.IsFiring(Int8All));
    }

    [Fact]
    public void Evaluate_WarningResolvesWithTheCritical_NotAnnouncedAgain()
    {
        var evaluator = Evaluator();
        evaluator.Evaluate(Window(0, 0.1));
        evaluator.Evaluate(Window(1, 0.1));

        var published = evaluator.Evaluate(Window(2, 0.0));

        Assert.Equal(["critical-up resolved", "warning-up resolved inhibited"], published.Select(Describe));
        Assert.False(evaluator.IsFiring(Int8All));
    }

    [Fact]
    public void Evaluate_WarningOnOtherKey_NotInhibited()
    {
        var evaluator = Evaluator(criticalFor: 1);
        var other = Int8All with { Slice = "locale=de" };
        Assert.Equal(["warning-up firing"], evaluator.Evaluate(Window(0, 0.03, other)).Select(Describe));

        Assert.Equal(["critical-up firing"], evaluator.Evaluate(Window(0, 0.1)).Select(Describe));
        Assert.Empty(evaluator.Evaluate(Window(1, 0.03, other)));
    }

    [Fact]
    public void Evaluate_SilencedWarningStartedUnderCritical_StaysUnpublishedWhenCriticalResolves()
    {
        var silence = new Silence("quiet", new Dictionary<string, string> { ["alertname"] = "warning-up" }, Records.T0, Records.T0.AddDays(1));
        var evaluator = new RuleEvaluator(new RuleSet(
            [Rule("warning-up", threshold: 0.01), Rule("critical-up", severity: RuleSeverity.Critical, threshold: 0.05)],
            [silence]));
        evaluator.Evaluate(Window(0, 0.1));

        Assert.Equal(["critical-up resolved"], evaluator.Evaluate(Window(1, 0.03)).Select(Describe));
        Assert.Empty(evaluator.Evaluate(Window(2, 0.0)));
        Assert.Equal(1, evaluator.Counters.Silenced);
    }

    [Fact]
    public void Write_InhibitedChange_MarksInhibitedAndNamesTheCritical()
    {
        var evaluator = Evaluator();
        evaluator.Evaluate(Window(0, 0.1));
        var published = evaluator.Evaluate(Window(1, 0.1));

        var critical = JsonDocument.Parse(JsonBytes.Of(w => IncidentJson.Write(w, published[0]))).RootElement;
        var warning = JsonDocument.Parse(JsonBytes.Of(w => IncidentJson.Write(w, published[1]))).RootElement;

        Assert.False(critical.GetProperty("inhibited").GetBoolean());
        Assert.False(critical.TryGetProperty("inhibited_by", out _));
        Assert.Equal("firing", warning.GetProperty("status").GetString());
        Assert.True(warning.GetProperty("inhibited").GetBoolean());
        Assert.Equal(published[0].Id, warning.GetProperty("inhibited_by").GetString());
    }
}
