using CompressionSafety.Testing;

namespace CompressionSafety.Reports.Tests;

/// <summary>A broken windows.jsonl is refused with InvalidDataException (the report's exit 1), never another exception, a hang or unbounded memory.</summary>
public sealed class WindowsFileFuzzTests
{
    [Fact]
    public async Task Build_MutatedWindowsFile_ReportOrInvalidData()
    {
        using var inputs = new ReportInputs();
        inputs.AppendLabelledWindows();
        var valid = File.ReadAllBytes(inputs.WindowsFile);

        await SeededMutator.AssertEveryMutantDecidedAsync(
            "windows.jsonl",
            valid,
            5,
            400,
            bytes =>
            {
                File.WriteAllBytes(inputs.WindowsFile, bytes);
                ReportMarkdown.Write(ReportBuilder.Build(inputs.Request()));
            },
            expected: ex => ex is InvalidDataException);
    }
}
