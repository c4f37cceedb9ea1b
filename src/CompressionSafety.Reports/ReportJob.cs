namespace CompressionSafety.Reports;

/// <summary>Files in, report out: builds the report of a request and writes its three files (the CLI and the worker both call this).</summary>
public static class ReportJob
{
    /// <summary>Builds the report and writes <c>report.json</c>, <c>report.md</c> and <c>report.html</c> into <paramref name="outputDirectory"/>.</summary>
    /// <param name="request">The inputs.</param>
    /// <param name="outputDirectory">Created when missing.</param>
    /// <returns>The report written.</returns>
    public static RevalidationReport Run(ReportRequest request, string outputDirectory)
    {
        var report = ReportBuilder.Build(request);
        ReportWriter.WriteAll(report, outputDirectory);
        return report;
    }
}
