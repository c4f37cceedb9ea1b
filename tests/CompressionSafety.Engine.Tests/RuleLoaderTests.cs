using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Tests;

public sealed class RuleLoaderTests
{
    private const string Valid = """
        rules:
          - id: miss-up
            metric: unsafe_miss_rate_diff_low
            reference: baseline
            op: ">"
            threshold: 0.01
            also:
              - metric: mcnemar_discordant
                reference: shadow
                op: ">="
                threshold: 30
            min_samples:
              - metric: positive_count
                min: 20
            match:
              variant: ["!baseline"]
              slice: "locale=*"
            for: 2
            keep_firing_for: 3
            severity: critical
            gate: reject
            labels: {team: safety}
            summary: s
            runbook: https://example.org
        silences:
          - id: maint
            matchers: {variant: int8}
            starts_at: 2026-11-26T00:00:00Z
            ends_at: 2026-11-26T06:00:00Z
        """;

    [Fact]
    public void Validate_RuleAgainstSnapshot_AcceptsSnapshotMetricsOnly()
    {
        var snapshot = Valid.Replace("metric: unsafe_miss_rate_diff_low\n    reference: baseline", "metric: unsafe_miss_rate_diff\n    reference: snapshot", StringComparison.Ordinal);
        Assert.Contains("reference: snapshot", snapshot, StringComparison.Ordinal);

        var (set, errors) = RuleLoader.Validate([("s.yaml", snapshot)]);
        Assert.Empty(errors);
        Assert.Equal("snapshot", set.Rules[0].Condition.Reference);

        var (_, wrong) = RuleLoader.Validate([("s.yaml", snapshot.Replace("unsafe_miss_rate_diff\n", "unsafe_miss_rate_diff_low\n", StringComparison.Ordinal))]);
        Assert.Contains(wrong, e => e.Message.Contains("snapshot", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ValidFile_ReadsEveryField()
    {
        var (set, errors) = RuleLoader.Validate([("a.yaml", Valid)]);

        Assert.Empty(errors);
        var rule = Assert.Single(set.Rules);
        Assert.Equal("unsafe_miss_rate_diff_low", rule.Condition.Metric);
        Assert.Equal("baseline", rule.Condition.Reference);
        Assert.Equal(ComparisonOperator.Greater, rule.Condition.Operator);
        Assert.Equal(0.01, rule.Condition.Threshold);
        Assert.Equal("shadow", Assert.Single(rule.Also).Reference);
        Assert.Equal(20, Assert.Single(rule.MinSamples).Minimum);
        Assert.Equal(WindowKind.Labels, rule.Kind);
        Assert.Equal(2, rule.For);
        Assert.Equal(3, rule.KeepFiringFor);
        Assert.Equal(RuleSeverity.Critical, rule.Severity);
        Assert.Equal("reject", rule.Gate);
        Assert.Equal("safety", rule.Labels["team"]);
        Assert.Equal(["!baseline"], rule.Selector.Variants);
        Assert.StartsWith("- id: miss-up", rule.SourceText.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("maint", Assert.Single(set.Silences).Id);
    }

    [Theory]
    [InlineData("metric: unsafe_miss_rate_diff_low", "metric: nope", 3, "metric 'nope' is not in the metric catalogue for reference 'baseline'")]
    [InlineData("reference: baseline", "reference: yesterday", 4, "reference must be one of self, baseline, shadow, snapshot, input_reference, not 'yesterday'")]
    [InlineData("op: \">\"", "op: \"=~\"", 5, "op must be one of >, >=, <, <=, not '=~'")]
    [InlineData("threshold: 0.01", "threshold: lots", 6, "threshold must be a finite number, not 'lots'")]
    [InlineData("for: 2", "for: 0", 18, "for must be a whole number of windows >= 1, not '0'")]
    [InlineData("severity: critical", "severity: panic", 20, "severity must be one of info, warning, critical, not 'panic'")]
    [InlineData("gate: reject", "gate: maybe", 21, "gate must be needs-validation, reject or none, not 'maybe'")]
    [InlineData("summary: s", "summmary: s", 23, "unknown field 'summmary'")]
    [InlineData("metric: positive_count", "metric: positive_cnt", 13, "metric 'positive_cnt' is not in the metric catalogue for reference 'self'")]
    [InlineData("metric: positive_count", "metric: count", 0, "the rule mixes traffic and labels metrics")]
    public void Validate_OneBadField_ErrorWithLineAndRuleId(string find, string replace, int line, string message)
    {
        var (set, errors) = RuleLoader.Validate([("bad.yaml", Valid.Replace(find, replace, StringComparison.Ordinal))]);

        var error = Assert.Single(errors);
        Assert.Equal("bad.yaml", error.File);
        Assert.Equal("miss-up", error.RuleId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        if (message != "the rule mixes traffic and labels metrics")
        {
            Assert.Equal(line, error.Line);
        }

        Assert.Empty(set.Rules);
    }

    [Fact]
    public void Validate_RuleFollowedByOthers_SourceTextIsTheWholeRule()
    {
        var text = """
            rules:
              # the first rule
              - id: first
                metric: flagged_rate_diff_low   # lower bound
                reference: baseline
                op: ">"
                threshold: 0.05
                summary: |
                  Two lines
                  of summary.
                also:
                  - {metric: flagged_rate_diff, reference: baseline, op: ">", threshold: 0.1}

              - id: second
                metric: ece
                op: ">"
                threshold: 0.1
            silences: []
            """;

        var (set, errors) = RuleLoader.Validate([("w.yaml", text)]);

        Assert.Empty(errors);
        Assert.Equal(
            """
            - id: first
              metric: flagged_rate_diff_low   # lower bound
              reference: baseline
              op: ">"
              threshold: 0.05
              summary: |
                Two lines
                of summary.
              also:
                - {metric: flagged_rate_diff, reference: baseline, op: ">", threshold: 0.1}
            """.ReplaceLineEndings("\n"),
            set.Rules[0].SourceText);
        Assert.Equal("- id: second\n  metric: ece\n  op: \">\"\n  threshold: 0.1", set.Rules[1].SourceText);
    }

    [Fact]
    public void Validate_LastRuleEndsWithBlockScalar_SourceTextKeepsItsLines()
    {
        var text = "rules:\n  - id: only\n    metric: ece\n    op: \">\"\n    threshold: 0.1\n    summary: >\n      folded\n      text\n";

        var (set, errors) = RuleLoader.Validate([("b.yaml", text)]);

        Assert.Empty(errors);
        Assert.Equal("- id: only\n  metric: ece\n  op: \">\"\n  threshold: 0.1\n  summary: >\n    folded\n    text", set.Rules[0].SourceText);
    }

    [Fact]
    public void Validate_MissingId_ErrorNamesField()
    {
        var (_, errors) = RuleLoader.Validate([("x.yaml", Valid.Replace("- id: miss-up\n    ", "- ", StringComparison.Ordinal))]);

        Assert.Contains(errors, e => e.Message == "'id' is required");
    }

    [Fact]
    public void Validate_DuplicateIdAcrossFiles_Error()
    {
        var (set, errors) = RuleLoader.Validate([("a.yaml", Valid), ("b.yaml", Valid)]);

        var error = Assert.Single(errors);
        Assert.Equal("b.yaml", error.File);
        Assert.Equal("duplicate rule id (also in a.yaml)", error.Message);
        Assert.Single(set.Rules);
    }

    [Fact]
    public void Validate_NotYaml_ErrorWithLine()
    {
        var (_, errors) = RuleLoader.Validate([("c.yaml", "rules:\n  - id: [unclosed\n")]);

        var error = Assert.Single(errors);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void Validate_SilenceEndsBeforeStart_Error()
    {
        var (_, errors) = RuleLoader.Validate([("s.yaml", Valid.Replace("2026-11-26T06:00:00Z", "2025-01-01T00:00:00Z", StringComparison.Ordinal))]);

        Assert.Equal("ends_at must be after starts_at", Assert.Single(errors).Message);
    }

    [Fact]
    public void Validate_FamilyMember_Accepted()
    {
        var text = "rules:\n  - id: violence\n    metric: category_rate.violence_low\n    op: \">\"\n    threshold: 0.2\n";

        var (set, errors) = RuleLoader.Validate([("f.yaml", text)]);

        Assert.Empty(errors);
        Assert.Equal(WindowKind.Traffic, Assert.Single(set.Rules).Kind);
    }

    [Fact]
    public void LoadDirectory_InvalidFile_ThrowsWithEveryError()
    {
        var dir = Directory.CreateTempSubdirectory("rules-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "r.yaml"), "rules:\n  - id: x\n    metric: nope\n    op: \">\"\n    threshold: 1\n    severity: panic\n");

            var ex = Assert.Throws<RuleSetException>(() => RuleLoader.LoadDirectory(dir.FullName));

            Assert.Equal(2, ex.Errors.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
