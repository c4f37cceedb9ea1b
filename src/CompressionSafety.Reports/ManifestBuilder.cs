namespace CompressionSafety.Reports;

/// <summary>Combines the run files and the evaluation into the <see cref="ReproducibilityManifest"/>.</summary>
internal static class ManifestBuilder
{
    public static ReproducibilityManifest Build(IEnumerable<string> runFiles, string? evaluationFile)
    {
        var runs = runFiles.Order(StringComparer.Ordinal).Select(RunFileReader.Read).ToList();
        var (suite, models, host) = evaluationFile is null
            ? (ReproducibilityManifest.Unknown, (IReadOnlyList<ModelFile>)[], null)
            : EvaluationHashes.Read(evaluationFile);
        return new ReproducibilityManifest(
            Agree(runs.Select(r => r.ConfigSha256)),
            Agree(runs.Select(r => r.RulesSha256)),
            Agree(runs.Select(r => r.GeneratorSeed)),
            suite,
            models,
            runs,
            host);
    }

    /// <summary>The one value all runs state, <c>unknown</c> with no runs, <c>mixed</c> when they disagree.</summary>
    private static string Agree(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Take(2).ToList();
        return distinct.Count switch
        {
            0 => ReproducibilityManifest.Unknown,
            1 => distinct[0],
            _ => ReproducibilityManifest.Mixed,
        };
    }
}
