using System.Text.RegularExpressions;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

/// <summary>What a newcomer meets on a fresh clone: links that resolve, samples that load, a demo that finds its rules.</summary>
public sealed partial class RepositoryFilesTests
{
    public static TheoryData<string> MarkdownFiles() => new(MarkdownPaths());

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Markdown_EveryRelativeLinkAndRepositoryPath_Exists(string file)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(file));
        var prose = FencedBlock().Replace(text, string.Empty);
        var folder = Path.GetDirectoryName(RepositoryRoot.Combine(file))!;
        var missing = new List<string>();
        foreach (Match link in Link().Matches(CodeSpan().Replace(prose, string.Empty)))
        {
            var target = link.Groups[1].Value.Split('#')[0];
            if (target.Length > 0 && !Uri.IsWellFormedUriString(target, UriKind.Absolute) && !Exists(Path.Combine(folder, Uri.UnescapeDataString(target))))
            {
                missing.Add("link " + link.Groups[1].Value);
            }
        }

        // Paths written as code (`samples/config.yaml`) under the repository's own top-level folders must exist too.
        foreach (Match path in RepositoryPath().Matches(prose))
        {
            if (!Exists(RepositoryRoot.Combine(path.Groups[1].Value)))
            {
                missing.Add("path " + path.Groups[1].Value);
            }
        }

        Assert.True(missing.Count == 0, $"{file}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Markdown_TheCheck_SeesTheDocs()
    {
        Assert.Contains(Path.Combine("docs", "configuration.md"), MarkdownPaths());
        Assert.Contains("README.md", MarkdownPaths());
    }

    [Fact]
    public void SampleEngineSettings_LoadAsDocumented()
    {
        var settings = ConfigLoader.Load(RepositoryRoot.Combine("samples", "config.yaml"));

        Assert.Equal(TimeSpan.FromMinutes(5), settings.Engine.WindowSize);
        Assert.Equal(TimeSpan.FromHours(1), settings.Engine.LabelHorizon);
    }

    [Fact]
    public void DefaultRules_NoRulesInTheCurrentFolder_TheDefaultsBesideTheToolAreUsed()
    {
        using var empty = new TempDirectory();

        var found = DefaultRules.Locate(empty.Path);

        Assert.NotNull(found);
        Assert.Equal("default-alert-rules", found.Name);
        foreach (var rule in Directory.EnumerateFiles(RepositoryRoot.Combine("alert-rules")))
        {
            Assert.Equal(File.ReadAllBytes(rule), File.ReadAllBytes(Path.Combine(found.FullName, Path.GetFileName(rule))));
        }
    }

    [Fact]
    public void DefaultRules_AlertRulesInTheCurrentFolder_Win()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "alert-rules"));

        Assert.Equal(Path.Combine(dir.Path, "alert-rules"), DefaultRules.Locate(dir.Path)?.FullName);
    }

    private static List<string> MarkdownPaths() =>
        [.. Directory.EnumerateFiles(RepositoryRoot.Path, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" || part.StartsWith('.')))
            .Order(StringComparer.Ordinal)];

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`((?:src|tests|docs|deploy|samples|alert-rules|dashboards|bench)/[A-Za-z0-9_./-]*)`")]
    private static partial Regex RepositoryPath();
}
