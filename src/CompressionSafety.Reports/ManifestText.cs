using System.Globalization;
using System.Net;
using System.Text;

namespace CompressionSafety.Reports;

/// <summary>The hashes and seed of the reproducibility manifest as Markdown and HTML rows.</summary>
internal static class ManifestText
{
    public static string Markdown(ReproducibilityManifest m)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder("\n| what | value |\n|---|---|\n");
        foreach (var (what, value) in Rows(m))
        {
            md.Append(c, $"| {what} | `{value}` |\n");
        }

        foreach (var run in m.Runs)
        {
            md.Append(c, $"| run {Format.Md(run.Name)} | config `{run.ConfigSha256}` ({Format.Md(run.ConfigSource)}), rules `{run.RulesSha256}`, seed `{run.GeneratorSeed}` |\n");
        }

        return md.ToString();
    }

    public static string Html(ReproducibilityManifest m)
    {
        var c = CultureInfo.InvariantCulture;
        var h = new StringBuilder("<table><tr><th>what</th><th>value</th></tr>");
        foreach (var (what, value) in Rows(m))
        {
            h.Append(c, $"<tr><td>{E(what)}</td><td><code>{E(value)}</code></td></tr>");
        }

        foreach (var run in m.Runs)
        {
            h.Append(c, $"<tr><td>run {E(run.Name)}</td><td>config <code>{E(run.ConfigSha256)}</code> ({E(run.ConfigSource)}), rules <code>{E(run.RulesSha256)}</code>, seed <code>{E(run.GeneratorSeed)}</code></td></tr>");
        }

        return h.Append("</table>").ToString();
    }

    private static IEnumerable<(string What, string Value)> Rows(ReproducibilityManifest m)
    {
        yield return ("configuration sha256", m.ConfigSha256);
        yield return ("rule set sha256", m.RulesSha256);
        yield return ("generator seed", m.GeneratorSeed);
        yield return ("suite sha256", m.SuiteSha256);
        if (m.Models.Count == 0)
        {
            yield return ("model sha256", ReproducibilityManifest.Unknown + " (no evaluation given)");
        }

        foreach (var model in m.Models)
        {
            yield return ($"model {model.Variant}{(model.IsBaseline ? " (baseline)" : string.Empty)}: {model.File}", model.Sha256);
        }

        if (m.EvaluationHost is { } host)
        {
            yield return ("evaluation host", string.Join("; ", host.Select(kv => $"{kv.Key}={kv.Value}")));
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
