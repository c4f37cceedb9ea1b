using System.Text;

namespace CompressionSafety.Reports;

/// <summary>Writes <c>report.json</c>, <c>report.md</c> and <c>report.html</c> into a folder.</summary>
public static class ReportWriter
{
    /// <summary>Creates <paramref name="directory"/> when missing and writes the three files.</summary>
    public static void WriteAll(RevalidationReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllBytes(Path.Combine(directory, "report.json"), ReportJson.Write(report));
        File.WriteAllText(Path.Combine(directory, "report.md"), ReportMarkdown.Write(report), utf8);
        File.WriteAllText(Path.Combine(directory, "report.html"), ReportHtml.Write(report), utf8);
    }
}
