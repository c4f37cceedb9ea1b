using System.Diagnostics;
using Xunit.Abstractions;

namespace CompressionSafety.Reports.Tests;

public sealed class ReportHtmlBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void ReportHtml_HeadlessChromium_RendersTitleChartsAndScreenshot()
    {
        if (!File.Exists(Chromium))
        {
            // CI installs chromium (.ci/run), so there a missing browser is a failure, not a pass.
            Assert.Null(Environment.GetEnvironmentVariable("CI"));
            output.WriteLine($"{Chromium} is missing and CI is not set: the browser check did not run.");
            return;
        }

        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        var outDir = Path.Combine(inputs.Directory, "out");
        ReportWriter.WriteAll(ReportBuilder.Build(inputs.Request()), outDir);
        var url = new Uri(Path.Combine(outDir, "report.html")).AbsoluteUri;
        var png = Path.Combine(inputs.Directory, "report.png");

        Run(inputs.Directory, "shot", $"--screenshot={png}", "--window-size=1200,2000", url);
        var dom = Run(inputs.Directory, "dom", "--dump-dom", url);

        Assert.True(File.Exists(png), "no screenshot written");
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Contains("<title>" + ReportHtml.Title + "</title>", dom, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"chart-rates\"", dom, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"chart-slices\"", dom, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"chart-reliability-m-int8\"", dom, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"chart-drift\"", dom, StringComparison.Ordinal);
    }

    private static string Run(string workDir, string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--user-data-dir=" + Path.Combine(workDir, "profile-" + profile)];
        foreach (var argument in common.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, $"chromium exit {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
