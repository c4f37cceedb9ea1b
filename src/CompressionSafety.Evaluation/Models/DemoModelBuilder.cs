using System.Globalization;
using System.Text.Json;
using CompressionSafety.Evaluation.Registry;

namespace CompressionSafety.Evaluation.Models;

/// <summary>Trains the demo classifier and writes its variants, a registry and a suite into a folder.</summary>
public static class DemoModelBuilder
{
    /// <summary>The demo model's name in the registry.</summary>
    public const string ModelName = "demo-safety-mlp";

    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 20261127;

    /// <summary>Trains the demo classifier (a few hundred milliseconds).</summary>
    /// <param name="seed">Seed for data, initialization and shuffling.</param>
    /// <returns>The weights.</returns>
    public static MlpWeights Train(int seed = DefaultSeed)
    {
        var training = DemoData.Generate(6000, 0.06, seed);
        var features = training.SelectMany(c => c.Features).ToArray();
        var labels = training.Select(c => c.Label).ToArray();
        return MlpTrainer.Train(features, labels, DemoData.FeatureCount, hidden: 16, classes: 2, epochs: 30, seed);
    }

    /// <summary>Writes every variant, <c>registry.json</c> and <c>suite.jsonl</c> into <paramref name="directory"/>.</summary>
    /// <param name="directory">Target folder, created when missing.</param>
    /// <param name="seed">Seed for training and the suite.</param>
    /// <param name="suiteCases">Number of suite cases.</param>
    /// <returns>The paths and the models.</returns>
    public static DemoModels Build(string directory, int seed = DefaultSeed, int suiteCases = 4000)
    {
        Directory.CreateDirectory(directory);
        var weights = Train(seed);
        var variants = VariantFactory.Create(weights);
        var files = new List<RegistryFile>();
        foreach (var variant in variants)
        {
            var file = variant.Name + ".onnx";
            File.WriteAllBytes(Path.Combine(directory, file), variant.OnnxModel);
            files.Add(new RegistryFile(variant.Name, file, Sha256File.Compute(Path.Combine(directory, file)), variant.Compression));
        }

        var model = new RegistryModel(ModelName, "features", "probabilities", DemoData.Labels, "unsafe", files[0], files.Skip(1).ToList());
        var registryPath = Path.Combine(directory, "registry.json");
        RegistryStore.Write(new ModelRegistry(ModelRegistry.CurrentSchemaVersion, [model], Gating.GatePolicy.Default), registryPath);
        var suitePath = Path.Combine(directory, "suite.jsonl");
        WriteSuite(suitePath, DemoData.Generate(suiteCases, 0.05, seed + 1));
        return new DemoModels(registryPath, suitePath, weights, variants);
    }

    private static void WriteSuite(string path, IReadOnlyList<DemoCase> cases)
    {
        using var stream = File.Create(path);
        var index = 0;
        foreach (var c in cases)
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"case-{++index:D5}"));
                writer.WriteStartArray("features");
                foreach (var x in c.Features)
                {
                    writer.WriteNumberValue(x);
                }

                writer.WriteEndArray();
                writer.WriteString("expected", DemoData.Labels[c.Label]);
                writer.WriteStartArray("tags");
                writer.WriteStringValue(c.Kind);
                writer.WriteEndArray();
                writer.WriteStartObject("slices");
                writer.WriteString("segment", c.Segment);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }
    }
}
