using CompressionSafety.Worker.Options;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>A bad <c>Rules:SilencesFile</c> stops the worker at start with a message naming the setting.</summary>
public sealed class SilencesFileValidationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("silences-file-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string path) =>
        new RulesOptionsValidator().Validate(null, new RulesOptions { SilencesFile = path });

    [Fact]
    public void Load_FileStartingWithAUtf8Bom_ReadsItsSilences()
    {
        var path = Path.Combine(_folder.FullName, "silences.json");
        File.WriteAllText(path, """{"silences":[{"id":"x","matchers":{"variant":"int8"},"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}]}""", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("x", Assert.Single(Silences.SilenceFile.Load(path)).Id);
    }

    [Fact]
    public void Validate_FileNotYetCreated_Succeeds()
    {
        Assert.True(Validate(Path.Combine(_folder.FullName, "silences.json")).Succeeded);
    }

    [Fact]
    public void Validate_FolderMissing_FailsNamingTheSetting()
    {
        var result = Validate(Path.Combine(_folder.FullName, "missing", "silences.json"));

        Assert.True(result.Failed);
        Assert.Contains("Rules:SilencesFile: folder not found", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("""{"silences":{}}""", "expected an object with a 'silences' list")]
    [InlineData("""{"silences":[{"matchers":{"variant":"int8"},"startsAt":"2026-11-27T00:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}]}""", "silences[0]: 'id' is required")]
    [InlineData("""{"silences":[{"id":"x","matchers":{"variant":"int8"},"startsAt":"2026-11-27T02:00:00Z","endsAt":"2026-11-27T01:00:00Z","createdBy":"a","comment":"c"}]}""", "silences[0]: 'endsAt' must be after 'startsAt'")]
    public void Validate_InvalidFile_FailsWithTheProblem(string text, string message)
    {
        var path = Path.Combine(_folder.FullName, "silences.json");
        File.WriteAllText(path, text);

        var result = Validate(path);

        Assert.True(result.Failed);
        Assert.Contains("Rules:SilencesFile: ", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }
}
