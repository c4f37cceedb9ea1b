using CompressionSafety.Engine.State;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine;

/// <summary>The engine's snapshot: every field that changes after construction, written and read in one place (<see cref="PartitionState"/>).</summary>
public sealed partial class WindowEngine
{
    internal void WriteState(StateWriter writer)
    {
        writer.Write(_streamTicks);
        Counters.WriteState(writer);
        _seen.WriteState(writer);
        _slices.WriteState(writer);
        _future.WriteState(writer);
        writer.WriteEach(_strings.Keys, static (w, value) => w.Write(value));
        writer.WriteEach(_keys.Values, static (w, key) => w.Write(key));
        writer.WriteEach(_trackedFeatures, static (w, name) => w.Write(name));
        writer.WriteEach(_windows.Values, static (w, window) => WriteWindow(w, window));
        writer.WriteEach(_pendingPredictions, static (w, pair) =>
        {
            w.Write(pair.Key);
            WritePrediction(w, pair.Value);
        });
        writer.WriteEach(_pendingLabels, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.Write(pair.Value.Label);
            w.Write(pair.Value.ExpiryTicks);
        });
        writer.WriteEach(_pendingLabelOrder, static (w, entry) =>
        {
            w.Write(entry.ExpiryTicks);
            w.Write(entry.EventId);
        });
        writer.WriteEach(_history, static (w, pair) =>
        {
            w.Write(pair.Key);
            pair.Value.WriteState(w);
        });
        writer.WriteEach(_results, static (w, result) => w.Write(result));
    }

    /// <summary>Reads a snapshot into this engine, which must be fresh (nothing processed) and built with the same options.</summary>
    internal void ReadState(StateReader reader)
    {
        if (_streamTicks != long.MinValue || _keys.Count > 0)
        {
            throw new InvalidOperationException("State can only be read into a fresh engine.");
        }

        _streamTicks = reader.ReadInt64();
        Counters.ReadState(reader);
        _seen.ReadState(reader);
        _slices.ReadState(reader);
        _future.ReadState(reader);
        reader.ReadEach(r => Intern(r.ReadString()));
        reader.ReadEach(r =>
        {
            var key = r.ReadKey();
            Key(Intern(key.Model), Intern(key.Variant), key.Slice);

            // The models and variants admitted under the caps are exactly those of the keys.
            Admit(Intern(key.Model), Intern(key.Variant));
        });
        reader.ReadEach(r => _trackedFeatures.Add(Intern(r.ReadString())));
        reader.ReadEach(r =>
        {
            var window = ReadWindow(r);
            _windows.Add(window.StartTicks, window);
        });
        reader.ReadEach(r => _pendingPredictions.Add(r.ReadString(), ReadPrediction(r)));
        reader.ReadEach(r => _pendingLabels.Add(r.ReadString(), new PendingLabel(Intern(r.ReadString()), r.ReadInt64())));
        reader.ReadEach(r => _pendingLabelOrder.Enqueue((r.ReadInt64(), r.ReadString())));
        reader.ReadEach(r => History(ReadKey(r)).ReadState(r));
        reader.ReadEach(r => _results.Add(r.ReadResult()));
    }

    private static void WriteWindow(StateWriter writer, OpenWindow window)
    {
        writer.Write(window.StartTicks);
        writer.Write(window.EndTicks);
        writer.Write(window.Traffic is not null);
        if (window.Traffic is { } traffic)
        {
            writer.WriteEach(traffic, static (w, pair) =>
            {
                w.Write(pair.Key);
                pair.Value.WriteState(w);
            });
        }

        writer.Write(window.Keys is not null);
        if (window.Keys is { } keys)
        {
            writer.WriteEach(keys, static (w, key) => w.Write(key));
        }

        writer.WriteEach(window.Labels, static (w, pair) =>
        {
            w.Write(pair.Key);
            pair.Value.WriteState(w);
        });
        writer.WriteEach(window.PendingEventIds, static (w, id) => w.Write(id));
    }

    private OpenWindow ReadWindow(StateReader reader)
    {
        var window = new OpenWindow(reader.ReadInt64(), reader.ReadInt64());
        if (reader.ReadBoolean())
        {
            reader.ReadEach(r =>
            {
                var key = ReadKey(r);
                var accumulator = new TrafficAccumulator(_options, _options.PositiveLabelFor(key.Model));
                accumulator.ReadState(r);
                window.Traffic!.Add(key, accumulator);
            });
        }
        else
        {
            window.Traffic = null;
        }

        if (reader.ReadBoolean())
        {
            var keys = new List<WindowKey>();
            reader.ReadEach(r => keys.Add(ReadKey(r)));
            window.Keys = keys;
        }

        reader.ReadEach(r =>
        {
            var key = ReadKey(r);
            var accumulator = new LabelAccumulator(_options, _options.PositiveLabelFor(key.Model));
            accumulator.ReadState(r);
            window.Labels.Add(key, accumulator);
        });
        reader.ReadEach(r => window.PendingEventIds.Add(r.ReadString()));
        return window;
    }

    private static void WritePrediction(StateWriter writer, in LabelledPrediction prediction)
    {
        writer.Write(prediction.WindowStartTicks);
        writer.WriteEach(prediction.Keys, static (w, key) => w.Write(key));
        writer.Write(prediction.PredictedLabel);
        writer.Write(prediction.PositiveProbability);
        writer.WriteNullable(prediction.ShadowLabel);
        writer.Write(prediction.EventTicks);
    }

    private LabelledPrediction ReadPrediction(StateReader reader)
    {
        var start = reader.ReadInt64();
        var keys = new WindowKey[reader.ReadCount()];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ReadKey(reader);
        }

        return new LabelledPrediction(
            start,
            keys,
            Intern(reader.ReadString()),
            reader.ReadDouble(),
            reader.ReadNullableString() is { } shadow ? Intern(shadow) : null,
            reader.ReadInt64());
    }

    /// <summary>A key read back as the engine's own instance, so restored state shares keys as live state does.</summary>
    private WindowKey ReadKey(StateReader reader)
    {
        var key = reader.ReadKey();
        return Key(Intern(key.Model), Intern(key.Variant), key.Slice);
    }
}
