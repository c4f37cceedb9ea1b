using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>
/// Turns window results into incidents: per (rule, key) it tracks pending -> firing -> resolved with <c>for</c> and
/// <c>keep_firing_for</c>, applies inhibition (a firing critical incident mutes lower severities on the same key) and
/// silences, and publishes the remaining state changes. Feed it every <see cref="WindowResult"/> in the order the
/// engine emits them; replay and the worker use the same class, so a replay reproduces the worker's incidents.
/// </summary>
public sealed class RuleEvaluator
{
    private const int MaxEvidenceWindows = 50;
    private readonly List<AlertRule> _rules;
    private readonly IReadOnlyList<Silence> _silences;
    private readonly IIncidentSink? _sink;
    private readonly Dictionary<(string Rule, WindowKey Key), RuleKeyState> _states = [];
    private readonly Dictionary<WindowKey, int> _criticalFiring = [];

    /// <summary>Creates an evaluator for <paramref name="rules"/>, publishing to <paramref name="sink"/> when given.</summary>
    public RuleEvaluator(RuleSet rules, IIncidentSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // Critical rules first, so a critical incident firing in the same window inhibits warnings on that key.
        _rules = [.. rules.Rules.OrderByDescending(r => r.Severity)];
        _silences = rules.Silences;
        _sink = sink;
    }

    /// <summary>What the evaluator did so far.</summary>
    public RuleEvaluatorCounters Counters { get; } = new();

    /// <summary>True while any published incident fires on <paramref name="key"/> (drives the runtime review guard).</summary>
    public bool IsFiring(WindowKey key) => _firingKeys.TryGetValue(key, out var n) && n > 0;

    private readonly Dictionary<WindowKey, int> _firingKeys = [];

    /// <summary>The state of <paramref name="ruleId"/> on <paramref name="key"/>, or null when inactive.</summary>
    public IncidentStatus? StatusOf(string ruleId, WindowKey key) =>
        _states.TryGetValue((ruleId, key), out var state) ? state.Status : null;

    /// <summary>Evaluates every rule that selects the result's key and phase; returns the published state changes.</summary>
    public IReadOnlyList<Incident> Evaluate(WindowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        List<Incident>? published = null;
        foreach (var rule in _rules)
        {
            if (rule.Kind != result.Kind || !rule.Selector.Matches(result.Key))
            {
                continue;
            }

            if (Step(rule, result) is { } incident)
            {
                published ??= [];
                published.Add(incident);
                _sink?.Publish(incident);
            }
        }

        return published ?? (IReadOnlyList<Incident>)[];
    }

    private Incident? Step(AlertRule rule, WindowResult result)
    {
        var stateKey = (rule.Id, result.Key);
        _states.TryGetValue(stateKey, out var state);
        var judged = rule.MinSamples.All(s => RuleCondition.Lookup(result, s.Metric, s.Reference) is { } n && n >= s.Minimum);
        bool met;
        if (judged)
        {
            Counters.Judged++;
            met = rule.Condition.IsMet(result) && rule.Also.All(c => c.IsMet(result));
        }
        else
        {
            // Too few samples: the rule does not judge, which breaks a run of true windows and counts toward resolution.
            Counters.InsufficientSamples++;
            met = false;
        }

        if (met)
        {
            state ??= _states[stateKey] = new RuleKeyState();
            state.ConsecutiveFalse = 0;
            state.ConsecutiveTrue++;
            state.EpisodeStart ??= result.WindowStart;
            state.Windows.Add(new EvidenceWindow(result.WindowStart, result.FirstEventTime, result.LastEventTime));
            if (state.Windows.Count > MaxEvidenceWindows)
            {
                state.Windows.RemoveAt(0);
            }

            if (state.Status == IncidentStatus.Firing)
            {
                return null;
            }

            if (state.ConsecutiveTrue < rule.For)
            {
                state.Status = IncidentStatus.Pending;
                return null;
            }

            state.Status = IncidentStatus.Firing;
            state.FiringSince = result.WindowStart;
            state.Id = IncidentId(rule.Id, result.Key, result.WindowStart);
            Counters.Fired++;
            var firing = Build(rule, state, result, IncidentStatus.Firing);
            state.Published = Publishable(rule, firing);
            if (state.Published)
            {
                Track(rule, result.Key, +1);
                return firing;
            }

            return null;
        }

        if (state is null)
        {
            return null;
        }

        if (state.Status != IncidentStatus.Firing)
        {
            _states.Remove(stateKey);
            return null;
        }

        state.ConsecutiveTrue = 0;
        state.ConsecutiveFalse++;
        if (state.ConsecutiveFalse <= rule.KeepFiringFor)
        {
            return null;
        }

        _states.Remove(stateKey);
        Counters.Resolved++;
        if (!state.Published)
        {
            return null;
        }

        Track(rule, result.Key, -1);
        return Build(rule, state, result, IncidentStatus.Resolved);
    }

    private bool Publishable(AlertRule rule, Incident incident)
    {
        if (rule.Severity != RuleSeverity.Critical && _criticalFiring.GetValueOrDefault(incident.Key) > 0)
        {
            Counters.Inhibited++;
            return false;
        }

        var labels = incident.Labels;
        if (_silences.Any(s => s.Covers(labels, incident.WindowEnd)))
        {
            Counters.Silenced++;
            return false;
        }

        return true;
    }

    private void Track(AlertRule rule, WindowKey key, int delta)
    {
        _firingKeys[key] = _firingKeys.GetValueOrDefault(key) + delta;
        if (rule.Severity == RuleSeverity.Critical)
        {
            _criticalFiring[key] = _criticalFiring.GetValueOrDefault(key) + delta;
        }
    }

    private static Incident Build(AlertRule rule, RuleKeyState state, WindowResult result, IncidentStatus status) =>
        new(state.Id!, rule, status, result.Key, result.WindowStart, result.WindowEnd, state.FiringSince, EvidenceBuilder.Build(rule, state, result));

    /// <summary>The deterministic incident id: 16 hex digits of SHA-256 over rule, key and first firing window.</summary>
    public static string IncidentId(string ruleId, WindowKey key, DateTimeOffset firstFiringWindow)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(key);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{ruleId}\n{key.Model}\n{key.Variant}\n{key.Slice}\n{firstFiringWindow.ToUnixTimeMilliseconds()}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }
}
