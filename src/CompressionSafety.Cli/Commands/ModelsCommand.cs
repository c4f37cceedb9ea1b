using System.CommandLine;
using CompressionSafety.Cli.Configuration;
using CompressionSafety.Evaluation.Models;

namespace CompressionSafety.Cli.Commands;

/// <summary>
/// <c>compression-safety models build --out DIR</c>: trains the demo classifier and writes its fp32 baseline, the
/// compressed variants, <c>registry.json</c> and <c>suite.jsonl</c>.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the models, registry.json and suite.jsonl.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for training data, weights and suite.", DefaultValueFactory = _ => DemoModelBuilder.DefaultSeed };
        var cases = new Option<int>("--suite-cases") { Description = "Number of suite cases.", DefaultValueFactory = _ => 4000 };
        var build = new Command("build", "Train the demo model and write its variants, registry and suite.") { output, seed, cases };
        build.SetAction((parse, cancellationToken) =>
        {
            var directory = parse.GetValue(output)!.FullName;
            int caseCount;
            try
            {
                caseCount = ArgumentBounds.Get(parse, cases, 1, 1_000_000);
            }
            catch (ConfigurationException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: " + ex.Message);
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }

            var built = DemoModelBuilder.Build(directory, parse.GetValue(seed), caseCount);
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var variant in built.Variants)
            {
                stdout.WriteLine($"wrote {Path.Combine(directory, variant.Name + ".onnx")}");
            }

            stdout.WriteLine($"wrote {built.RegistryPath}");
            stdout.WriteLine($"wrote {built.SuitePath}");
            return Task.FromResult(0);
        });
        return new Command("models", "Build the demo models.") { build };
    }
}
