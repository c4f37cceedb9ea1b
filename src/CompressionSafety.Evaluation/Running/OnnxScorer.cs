using CompressionSafety.Evaluation.Registry;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CompressionSafety.Evaluation.Running;

/// <summary>
/// One ONNX Runtime session for one model file. Input and output tensors are created once over pinned managed
/// buffers of the element types the model declares and reused for every full batch (a second set serves the last
/// partial batch), so scoring allocates nothing per batch.
/// </summary>
internal sealed class OnnxScorer : IDisposable
{
    /// <summary>Inter-op threads of every session: sequential execution, so runs are reproducible.</summary>
    public const int InterOpNumThreads = 1;

    private static readonly TensorElementType[] InputTypes =
        [TensorElementType.Float, TensorElementType.Float16, TensorElementType.Int64, TensorElementType.Int32, TensorElementType.Bool];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly IReadOnlyList<RegistryInput> _inputs;
    private readonly TensorElementType[] _inputTypes;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly TensorElementType _outputType;
    private readonly int _labels;

    private OnnxScorer(InferenceSession session, RegistryModel model, TensorElementType[] inputTypes, TensorElementType outputType)
    {
        _session = session;
        _inputs = model.Inputs!;
        _inputTypes = inputTypes;
        _inputNames = _inputs.Select(i => i.Name).ToArray();
        _outputNames = [model.Output!.Name];
        _outputType = outputType;
        _labels = model.Labels.Count;
    }

    /// <summary>File size in bytes.</summary>
    public long FileBytes { get; private init; }

    /// <summary>SHA-256 of the file.</summary>
    public string Sha256 { get; private init; } = string.Empty;

    /// <summary>Process working-set growth while the session was created: approximate, other threads also allocate.</summary>
    public long SessionMemoryBytes { get; private init; }

    public static OnnxScorer Open(RegistryModel model, RegistryFile file, EncodedCases cases, int intraOpThreads)
    {
        if (!File.Exists(file.File))
        {
            throw new EvaluationException($"Model '{model.Name}' variant '{file.Name}': file '{file.File}' does not exist.");
        }

        var bytes = File.ReadAllBytes(file.File);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (file.Sha256 is { Length: > 0 } expected && !string.Equals(expected, sha, StringComparison.OrdinalIgnoreCase))
        {
            throw new EvaluationException(
                $"Model '{model.Name}' variant '{file.Name}': '{file.File}' has SHA-256 {sha} but the registry pins {expected}; a changed file is a new version, register it.");
        }

        var before = Environment.WorkingSet;
        InferenceSession session;
        using (var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = InterOpNumThreads, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL })
        {
            try
            {
                session = new InferenceSession(bytes, options);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new EvaluationException($"Model '{model.Name}' variant '{file.Name}': ONNX Runtime cannot load '{file.File}' (corrupt or unsupported model): {ex.Message}", ex);
            }
        }

        try
        {
            var (inputTypes, outputType) = Check(model, file, session, cases);
            return new OnnxScorer(session, model, inputTypes, outputType)
            {
                FileBytes = bytes.LongLength,
                Sha256 = sha,
                SessionMemoryBytes = Math.Max(0, Environment.WorkingSet - before),
            };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores every case; returns the raw output rows (row-major, <c>[cases, labels]</c>, as float) and the time
    /// spent inside ONNX Runtime for one pass over the suite, the fastest of <paramref name="timingPasses"/> passes
    /// (on a shared machine one preempted call can dominate a sub-millisecond pass, and the minimum is the estimate
    /// least disturbed by it).
    /// </summary>
    public (float[] Output, TimeSpan Elapsed) Score(EncodedCases cases, int batchSize, TimeProvider time, int timingPasses = 1)
    {
        var output = new float[cases.Rows * _labels];
        var full = Math.Min(batchSize, Math.Max(1, cases.Rows));
        using var fullBatch = new Batch(this, full, cases);
        Batch? tail = null;
        var fastest = TimeSpan.MaxValue;
        try
        {
            // One untimed call first: the first Run pays one-off allocation and kernel selection, not per-row cost.
            fullBatch.Fill(cases, 0, Math.Min(full, cases.Rows));
            _session.Run(_runOptions, _inputNames, fullBatch.InputValues, _outputNames, fullBatch.OutputValues);
            for (var pass = 0; pass < Math.Max(1, timingPasses); pass++)
            {
                var elapsed = TimeSpan.Zero;
                for (var start = 0; start < cases.Rows; start += full)
                {
                    var rows = Math.Min(full, cases.Rows - start);
                    var batch = rows == full ? fullBatch : tail ??= new Batch(this, rows, cases);
                    batch.Fill(cases, start, rows);
                    var started = time.GetTimestamp();
                    _session.Run(_runOptions, _inputNames, batch.InputValues, _outputNames, batch.OutputValues);
                    elapsed += time.GetElapsedTime(started);
                    batch.CopyOutput(output.AsSpan(start * _labels, rows * _labels));
                }

                fastest = elapsed < fastest ? elapsed : fastest;
            }
        }
        finally
        {
            tail?.Dispose();
        }

        return (output, fastest);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static (TensorElementType[] Inputs, TensorElementType Output) Check(RegistryModel model, RegistryFile file, InferenceSession session, EncodedCases cases)
    {
        string Where() => $"Model '{model.Name}' variant '{file.Name}' ('{file.File}')";
        string Dims(int[] dims) => string.Join(", ", dims);
        var fed = model.Inputs!.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        if (session.InputMetadata.Keys.FirstOrDefault(k => !fed.Contains(k)) is { } unfed)
        {
            throw new EvaluationException($"{Where()} has input '{unfed}' that the registry does not feed; list it in 'inputs'.");
        }

        var types = new TensorElementType[model.Inputs!.Count];
        for (var k = 0; k < types.Length; k++)
        {
            var spec = model.Inputs[k];
            if (!session.InputMetadata.TryGetValue(spec.Name, out var input))
            {
                throw new EvaluationException($"{Where()} has no input '{spec.Name}'; it has {string.Join(", ", session.InputMetadata.Keys)}.");
            }

            if (!input.IsTensor || !InputTypes.Contains(input.ElementDataType))
            {
                throw new EvaluationException($"{Where()}: input '{spec.Name}' has element type {input.ElementDataType}; supported are {string.Join(", ", InputTypes)}.");
            }

            if (spec.Source == InputSource.Features && input.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16))
            {
                throw new EvaluationException($"{Where()}: input '{spec.Name}' reads 'features' but has element type {input.ElementDataType}; it must be Float or Float16.");
            }

            types[k] = input.ElementDataType;
            var expected = Shape(spec, cases, 1);
            var fits = input.Dimensions.Length == expected.Length && input.Dimensions.Skip(1).Zip(expected.Skip(1)).All(d => d.First <= 0 || d.First == d.Second);
            if (!fits)
            {
                var what = spec.Source == InputSource.Features
                    ? $"the registry feeds [batch, {Dims(expected[1..])}] from {cases.FeatureWidth} features per case"
                    : $"the registry feeds [batch, {cases.SequenceLength}] token ids (set 'tokenizer.max_length' to the model's sequence length)";
                throw new EvaluationException($"{Where()}: input '{spec.Name}' has shape [{Dims(input.Dimensions)}], {what}.");
            }
        }

        if (!session.OutputMetadata.TryGetValue(model.Output!.Name, out var output))
        {
            throw new EvaluationException($"{Where()} has no output '{model.Output.Name}'; it has {string.Join(", ", session.OutputMetadata.Keys)}.");
        }

        if (!output.IsTensor || output.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new EvaluationException($"{Where()}: output '{model.Output.Name}' has element type {output.ElementDataType}; supported are Float, Float16.");
        }

        if (output.Dimensions.Length != 2 || (output.Dimensions[1] > 0 && output.Dimensions[1] != model.Labels.Count))
        {
            throw new EvaluationException($"{Where()}: output '{model.Output.Name}' has shape [{Dims(output.Dimensions)}], the registry has {model.Labels.Count} labels.");
        }

        return (types, output.ElementDataType);
    }

    private static int[] Shape(RegistryInput spec, EncodedCases cases, int rows) => spec.Source == InputSource.Features
        ? [rows, .. spec.Shape ?? [cases.FeatureWidth]]
        : [rows, cases.SequenceLength];

    private sealed class Batch : IDisposable
    {
        private readonly OnnxScorer _scorer;
        private readonly Array[] _inputs;
        private readonly Array _output;

        public Batch(OnnxScorer scorer, int rows, EncodedCases cases)
        {
            _scorer = scorer;
            _inputs = new Array[scorer._inputs.Count];
            InputValues = new OrtValue[_inputs.Length];
            for (var k = 0; k < _inputs.Length; k++)
            {
                var shape = Shape(scorer._inputs[k], cases, rows).Select(d => (long)d).ToArray();
                (_inputs[k], InputValues[k]) = Create(scorer._inputTypes[k], shape);
            }

            (_output, var outputValue) = Create(scorer._outputType, [rows, scorer._labels]);
            OutputValues = [outputValue];
        }

        public OrtValue[] InputValues { get; }

        public OrtValue[] OutputValues { get; }

        public void Fill(EncodedCases cases, int start, int rows)
        {
            for (var k = 0; k < _inputs.Length; k++)
            {
                switch (_scorer._inputs[k].Source)
                {
                    case InputSource.Features:
                        Put(_inputs[k], cases.Features.AsSpan(start * cases.FeatureWidth, rows * cases.FeatureWidth));
                        break;
                    case InputSource.TokenIds:
                        Put(_inputs[k], cases.TokenIds.AsSpan(start * cases.SequenceLength, rows * cases.SequenceLength));
                        break;
                    case InputSource.AttentionMask:
                        Put(_inputs[k], cases.AttentionMask.AsSpan(start * cases.SequenceLength, rows * cases.SequenceLength));
                        break;
                    default:
                        // One segment per case: BERT's token type 0 everywhere.
                        Put(_inputs[k], new long[rows * cases.SequenceLength]);
                        break;
                }
            }
        }

        public void CopyOutput(Span<float> target)
        {
            if (_output is float[] values)
            {
                values.AsSpan(0, target.Length).CopyTo(target);
                return;
            }

            var halves = (Float16[])_output;
            for (var k = 0; k < target.Length; k++)
            {
                target[k] = halves[k].ToFloat();
            }
        }

        public void Dispose()
        {
            foreach (var value in InputValues.Concat(OutputValues))
            {
                value.Dispose();
            }
        }

        private static (Array Buffer, OrtValue Value) Create(TensorElementType type, long[] shape)
        {
            var count = (int)shape.Aggregate(1L, (a, b) => a * b);
            return type switch
            {
                TensorElementType.Float => Wrap(new float[count], shape),
                TensorElementType.Float16 => Wrap(new Float16[count], shape),
                TensorElementType.Int64 => Wrap(new long[count], shape),
                TensorElementType.Int32 => Wrap(new int[count], shape),
                _ => Wrap(new bool[count], shape),
            };
        }

        private static (Array, OrtValue) Wrap<T>(T[] buffer, long[] shape)
            where T : unmanaged => (buffer, OrtValue.CreateTensorValueFromMemory(buffer, shape));

        private static void Put(Array target, ReadOnlySpan<float> values)
        {
            switch (target)
            {
                case float[] f:
                    values.CopyTo(f);
                    break;
                case Float16[] h:
                    for (var k = 0; k < values.Length; k++)
                    {
                        h[k] = (Float16)values[k];
                    }

                    break;
                default:
                    // Check refuses any other element type for a features input.
                    throw new InvalidOperationException("unreachable: features input of type " + target.GetType().Name);
            }
        }

        private static void Put(Array target, ReadOnlySpan<long> values)
        {
            for (var k = 0; k < values.Length; k++)
            {
                switch (target)
                {
                    case long[] l:
                        l[k] = values[k];
                        break;
                    case int[] i:
                        i[k] = (int)values[k];
                        break;
                    case bool[] b:
                        b[k] = values[k] != 0;
                        break;
                    case float[] f:
                        f[k] = values[k];
                        break;
                    default:
                        ((Float16[])target)[k] = (Float16)values[k];
                        break;
                }
            }
        }
    }
}
