using CompressionSafety.Engine.State;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Rules;

/// <summary>The evaluator's snapshot: the lifecycle state of every (rule, key), inhibition and firing bookkeeping, counters.</summary>
public sealed partial class RuleEvaluator
{
    internal void WriteState(StateWriter writer)
    {
        Counters.WriteState(writer);
        writer.WriteEach(_states, static (w, pair) =>
        {
            w.Write(pair.Key.Rule);
            w.Write(pair.Key.Key);
            pair.Value.WriteState(w);
        });
        writer.WriteEach(_criticalFiring, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.WriteEach(pair.Value, static (w, id) => w.Write(id));
        });
        writer.WriteEach(_firingKeys, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.Write(pair.Value);
        });
    }

    /// <summary>Reads a snapshot into this evaluator, which must be fresh and built with the same rules.</summary>
    internal void ReadState(StateReader reader)
    {
        if (_states.Count > 0 || _firingKeys.Count > 0)
        {
            throw new InvalidOperationException("State can only be read into a fresh evaluator.");
        }

        Counters.ReadState(reader);
        reader.ReadEach(r =>
        {
            var rule = r.ReadString();
            var key = r.ReadKey();
            if (!_rules.Any(known => string.Equals(known.Id, rule, StringComparison.Ordinal)))
            {
                throw new InvalidDataException($"The snapshot holds state of rule '{rule}', which is not loaded.");
            }

            var state = new RuleKeyState();
            state.ReadState(r);
            _states.Add((rule, key), state);
        });
        reader.ReadEach(r =>
        {
            var key = r.ReadKey();
            var ids = new List<string>();
            r.ReadEach(i => ids.Add(i.ReadString()));
            _criticalFiring.Add(key, ids);
        });
        reader.ReadEach(r => _firingKeys.Add(r.ReadKey(), r.ReadInt32()));
        _firingKeyCount = _firingKeys.Values.Count(n => n > 0);
    }
}
