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
public sealed partial class RuleEvaluator
{
    private const int MaxEvidenceWindows = 50;
    private readonly List<AlertRule> _rules;
    private readonly IReadOnlyList<Silence> _silences;
    private readonly IIncidentSink? _sink;
    private readonly Dictionary<(string Rule, WindowKey Key), RuleKeyState> _states = [];
    // Ids of the published critical incidents firing per key, oldest first: the first one is named as the inhibitor.
    private readonly Dictionary<WindowKey, List<string>> _criticalFiring = [];
    private readonly SilenceStore? _silenceStore;

    /// <summary>Creates an evaluator for <paramref name="rules"/>, publishing to <paramref name="sink"/> when given.</summary>
    /// <param name="rules">Rules and the silences of the rule files.</param>
    /// <param name="sink">Receives every published state change, when given.</param>
    /// <param name="silences">Silences added at run time (the worker's HTTP API), read on every state change; null for none.</param>
    public RuleEvaluator(RuleSet rules, IIncidentSink? sink = null, SilenceStore? silences = null)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // Critical rules first, so a critical incident firing in the same window inhibits warnings on that key.
        _rules = [.. rules.Rules.OrderByDescending(r => r.Severity)];
        _silences = rules.Silences;
        _sink = sink;
        _silenceStore = silences;
    }

    /// <summary>What the evaluator did so far.</summary>
    public RuleEvaluatorCounters Counters { get; } = new();

    /// <summary>True while any published incident fires on <paramref name="key"/> (drives the runtime review guard).</summary>
    public bool IsFiring(WindowKey key) => _firingKeys.TryGetValue(key, out var n) && n > 0;

    /// <summary>False when <see cref="IsFiring"/> is false for every key: the review guard's per-record shortcut.</summary>
    internal bool AnyFiring => _firingKeyCount > 0;

    private readonly Dictionary<WindowKey, int> _firingKeys = [];

    // Keys of _firingKeys with a count above 0.
    private int _firingKeyCount;

    private void AddFiring(WindowKey key, int delta)
    {
        var before = _firingKeys.GetValueOrDefault(key);
        _firingKeys[key] = before + delta;
        _firingKeyCount += (before + delta > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    }

    /// <summary>The state of <paramref name="ruleId"/> on <paramref name="key"/>, or null when inactive.</summary>
    public IncidentStatus? StatusOf(string ruleId, WindowKey key) =>
        _states.TryGetValue((ruleId, key), out var state) ? state.Status : null;

    /// <summary>Evaluates every rule that selects the result's key and phase; returns the published state changes.</summary>
    public IReadOnlyList<Incident> Evaluate(WindowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var published = new List<Incident>();
        var criticalBefore = IsInhibiting(result.Key);
        foreach (var rule in _rules)
        {
            if (rule.Kind != result.Kind || !rule.Selector.Matches(result.Key))
            {
                continue;
            }

            Step(rule, result, published);
        }

        // Lifted only once every rule has judged the window, so a warning that resolves in the same window as the
        // critical is not re-announced just to be resolved.
        if (criticalBefore && !IsInhibiting(result.Key))
        {
            Uninhibit(result, published);
        }

        foreach (var incident in published)
        {
            _sink?.Publish(incident);
        }

        return published.Count == 0 ? [] : published;
    }

    private void Step(AlertRule rule, WindowResult result, List<Incident> published)
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
            state.LastResult = result;
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
                return;
            }

            if (state.ConsecutiveTrue < rule.For)
            {
                state.Status = IncidentStatus.Pending;
                return;
            }

            state.Status = IncidentStatus.Firing;
            state.FiringSince = result.WindowStart;
            state.Id = IncidentId(rule.Id, result.Key, result.WindowStart);
            Counters.Fired++;
            var firing = Build(rule, state, result, IncidentStatus.Firing);
            if (rule.Severity != RuleSeverity.Critical && IsInhibiting(result.Key))
            {
                // Remembered as muted, so it is announced if it still fires when the critical incident resolves.
                state.InhibitedBy = _criticalFiring[result.Key][0];
                Counters.Inhibited++;
                return;
            }

            state.Published = !IsSilenced(firing);
            if (state.Published)
            {
                published.Add(firing);
                Track(rule, result, state.Id, +1, published);
            }

            return;
        }

        if (state is null)
        {
            return;
        }

        if (state.Status != IncidentStatus.Firing)
        {
            _states.Remove(stateKey);
            return;
        }

        state.LastResult = result;
        state.ConsecutiveTrue = 0;
        state.ConsecutiveFalse++;
        if (state.ConsecutiveFalse <= rule.KeepFiringFor)
        {
            return;
        }

        _states.Remove(stateKey);
        Counters.Resolved++;
        if (!state.Published)
        {
            return;
        }

        // An inhibited incident's resolution is still published (marked), so consumers keyed by id see it end.
        published.Add(Build(rule, state, result, IncidentStatus.Resolved) with { InhibitedBy = state.InhibitedBy });
        Track(rule, result, state.Id!, -1, published);
    }

    private bool IsInhibiting(WindowKey key) => _criticalFiring.TryGetValue(key, out var ids) && ids.Count > 0;

    private bool IsSilenced(Incident incident)
    {
        var labels = incident.Labels;
        if (_silences.Any(s => s.Covers(labels, incident.WindowEnd))
            || (_silenceStore is not null && _silenceStore.Current.Any(s => s.Covers(labels, incident.WindowEnd))))
        {
            Counters.Silenced++;
            return true;
        }

        return false;
    }

    private void Track(AlertRule rule, WindowResult result, string id, int delta, List<Incident> published)
    {
        var key = result.Key;
        AddFiring(key, delta);
        if (rule.Severity != RuleSeverity.Critical)
        {
            return;
        }

        if (!_criticalFiring.TryGetValue(key, out var ids))
        {
            ids = _criticalFiring[key] = [];
        }

        if (delta > 0)
        {
            ids.Add(id);
            if (ids.Count == 1)
            {
                Inhibit(result, id, published);
            }

            return;
        }

        ids.Remove(id);
        if (ids.Count > 0)
        {
            // Another critical incident still fires: it inhibits from now on.
            foreach (var (_, state) in LowerSeverityStates(key))
            {
                if (state.InhibitedBy == id)
                {
                    state.InhibitedBy = ids[0];
                }
            }
        }
    }

    /// <summary>A critical incident started firing on the key: mute lower-severity incidents already published as firing.</summary>
    private void Inhibit(WindowResult result, string criticalId, List<Incident> published)
    {
        foreach (var (rule, state) in LowerSeverityStates(result.Key))
        {
            if (state is { Status: IncidentStatus.Firing, Published: true, InhibitedBy: null })
            {
                state.InhibitedBy = criticalId;
                Counters.Inhibited++;
                published.Add(Announce(rule, state, result) with { InhibitedBy = criticalId });
            }
        }
    }

    /// <summary>The last critical incident on the key resolved: announce lower-severity incidents that still fire.</summary>
    private void Uninhibit(WindowResult result, List<Incident> published)
    {
        foreach (var (rule, state) in LowerSeverityStates(result.Key))
        {
            if (state is not { Status: IncidentStatus.Firing, InhibitedBy: not null })
            {
                continue;
            }

            state.InhibitedBy = null;
            var firing = Announce(rule, state, result);
            if (state.Published)
            {
                published.Add(firing);
            }
            else if (!IsSilenced(firing))
            {
                // Muted since it started: this is its first announcement.
                state.Published = true;
                AddFiring(result.Key, 1);
                published.Add(firing);
            }
        }
    }

    /// <summary>A firing state change of <paramref name="rule"/> caused by another rule's window: its own latest evidence.</summary>
    private static Incident Announce(AlertRule rule, RuleKeyState state, WindowResult result) =>
        new(state.Id!, rule, IncidentStatus.Firing, result.Key, result.WindowStart, result.WindowEnd, state.FiringSince,
            EvidenceBuilder.Build(rule, state, state.LastResult ?? result));

    private IEnumerable<(AlertRule Rule, RuleKeyState State)> LowerSeverityStates(WindowKey key)
    {
        // Rule order, not dictionary order, so replays and the worker announce in the same order.
        foreach (var rule in _rules)
        {
            if (rule.Severity != RuleSeverity.Critical && _states.TryGetValue((rule.Id, key), out var state))
            {
                yield return (rule, state);
            }
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
