using System.Diagnostics;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.State;
using CompressionSafety.Kafka.Health;
using CompressionSafety.Kafka.Offsets;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.Kafka.State;
using CompressionSafety.Worker.Archive;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using PartitionPipeline = CompressionSafety.Engine.Pipeline.MonitorPipeline<Confluent.Kafka.ConsumeResult<byte[]?, byte[]?>>;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// The consume loop: one window engine per partition number (the label topic is co-partitioned with the
/// inference-log topic), dead letters and window results out, and offsets stored only up to what the
/// <see cref="PartitionOffsetTracker"/> says no open window still needs. Runs on one dedicated thread; the
/// rebalance handlers run inside <c>Consume</c> on the same thread, so no state here needs a lock. Only parsing runs
/// elsewhere (<see cref="ParseAhead"/>), one batch ahead of the engines.
/// </summary>
internal sealed class IngestionLoop(
    KafkaWorkerOptions options,
    EngineOptions engineOptions,
    ParserOptions parserOptions,
    IReadOnlyDictionary<string, string> clientProperties,
    IRecordPublisher publisher,
    IMetricsSink sink,
    RuleSet? rules,
    IIncidentSink? notifier,
    SilenceStore? silences,
    WorkerHealth health,
    WorkerMetrics metrics,
    ILogger logger,
    TimeProvider time,
    WindowArchive? archive = null)
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<int, PartitionPipeline> _pipelines = [];

    // Per partition number, the engine and the limit its tracker windows were last closed through.
    private readonly Dictionary<int, (WindowEngine Engine, long Limit)> _closedThrough = [];
    private readonly PartitionOffsetTracker _tracker = new();
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly AssignmentEpochs _epochs = new();
    private readonly DeliveryGate _deliveries = new();
    private readonly OffsetResetWatch _resets = new();
    private Task _sinkFlush = Task.CompletedTask;
    private bool _paused;
    private volatile string? _fatalClientError;
    private PartitionStateKeeper? _state;
    private IMonitorOutput<ConsumeResult<byte[]?, byte[]?>>? _outputs;
    private CancellationToken _stopping;

    /// <summary>Consumes until <paramref name="stoppingToken"/> fires, then finishes the record in hand, flushes, commits and closes.</summary>
    public void Run(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        // Every partition's pipeline hands its events to the same outputs, in this order.
        _outputs = new OutputFanOut<ConsumeResult<byte[]?, byte[]?>>(
        [
            new TopicOutput(Publish, options, parserOptions.MaxRecordBytes),
            new SinkOutput(sink),
            archive is null ? null : new ArchiveOutput(archive),
            notifier is null ? null : new IncidentSinkOutput<ConsumeResult<byte[]?, byte[]?>>(notifier),
            new MetricsOutput(metrics, logger),
        ]);
        using var changelog = string.IsNullOrEmpty(options.StateTopic) ? null : new StateChangelog(options.BootstrapServers, options.StateTopic, clientProperties);
        _state = changelog is null ? null : new PartitionStateKeeper(changelog, PartitionState.ConfigurationOf(engineOptions, parserOptions.MaxRecordBytes, rules), logger);
        using var consumer = BuildConsumer();
        string[] topics = string.IsNullOrEmpty(options.LabelTopic)
            ? [options.InferenceLogTopic]
            : [options.InferenceLogTopic, options.LabelTopic];
        Log.Starting(logger, string.Join(",", topics), options.GroupId, options.BootstrapServers);
        consumer.Subscribe(topics);
        // Records are consumed in batches and parsed on a thread of their own while the batch before runs through the
        // engines here. Two batches: at most one being handled (the head of inHand) and one being filled or parsed.
        using var first = new ConsumedBatch();
        using var second = new ConsumedBatch();
        // Disposed (its thread joined) before the batches it may still be parsing.
        using var parsing = new ParseAhead(parserOptions);
        var free = new Stack<ConsumedBatch>([second, first]);
        var inHand = new Queue<ConsumedBatch>(2);
        var lastCommit = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            Throttle(consumer);
            // Wait in the poll only with nothing to do, so a consumed batch never waits for records to follow it.
            var wait = inHand.Count == 0 || _paused ? PollTimeout : TimeSpan.Zero;
            var consumed = false;
            if (free.TryPeek(out var filling))
            {
                ConsumeInto(consumer, filling, wait, stoppingToken);
                if (filling.Count > 0)
                {
                    parsing.Submit(free.Pop());
                    inHand.Enqueue(filling);
                    consumed = true;
                }
            }
            else
            {
                // Both batches in hand: the first stopped half-way at the outputs' in-flight bound. Poll on (heartbeats,
                // rebalances, liveness) without taking records.
                PollOnly(consumer, wait);
            }

            // The older batch while the newer one is parsed; a batch alone only once no record followed it.
            if (!_paused && inHand.TryPeek(out var head) && (inHand.Count > 1 || !consumed) && HandleBatch(consumer, head))
            {
                head.Reset();
                free.Push(inHand.Dequeue());
            }

            if (time.GetElapsedTime(lastCommit) >= options.CommitInterval)
            {
                StoreCommittable(consumer);
                lastCommit = time.GetTimestamp();
            }
        }

        // A batch consumed and not handled when the stop came is neither stored nor committed: it is read again.
        Log.Stopping(logger);
        StoreCommittable(consumer, drain: true);
        CommitStored(consumer);
        consumer.Close();
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = checked((int)options.CommitInterval.TotalMilliseconds),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = checked((int)options.SessionTimeout.TotalMilliseconds),
            HeartbeatIntervalMs = Math.Max(100, checked((int)options.SessionTimeout.TotalMilliseconds) / 4),
            // Readiness follows the brokers' connection states in these reports, not the arrival of records.
            StatisticsIntervalMs = 1000,
            // Input headers and broker timestamps are never read (event time is in the record): not marshalled.
            ConsumeResultFields = "topic",
        };
        foreach (var (key, value) in clientProperties)
        {
            config.Set(key, value);
        }

        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetStatisticsHandler((_, json) => health.BrokersReported(BrokerStatistics.AnyBrokerUp(json)))
            .SetErrorHandler((_, error) =>
            {
                health.ClientError(error.Reason);
                Log.ClientError(logger, error.Code.ToString(), error.Reason);
                if (error.IsFatal)
                {
                    _fatalClientError = $"{error.Code}: {error.Reason}";
                }
            })
            .SetPartitionsAssignedHandler((consumer, partitions) =>
            {
                _epochs.Touch(partitions);
                _assigned.UnionWith(partitions);
                health.Assigned(_assigned.Count);
                Log.Assigned(logger, string.Join(",", partitions));
                // With a state changelog: restore each partition before its first record and resume where its state ends.
                List<TopicPartitionOffset> starts = _state is null
                    ? [.. partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset))]
                    : _state.Restore(partitions, _tracker, _pipelines.ContainsKey, _ => NewPipeline(), Install);
                _resets.Expect(starts, consumer, logger);
                return starts;
            })
            .SetPartitionsRevokedHandler((consumer, partitions) =>
            {
                // Commit what is final before letting go, so the new owner replays as little as possible.
                StoreCommittable(consumer);
                CommitStored(consumer);
                Drop(partitions.Select(p => p.TopicPartition));
                Log.Revoked(logger, string.Join(",", partitions.Select(p => p.TopicPartition)));
            })
            .SetPartitionsLostHandler((_, partitions) =>
            {
                // Someone else may own these already: committing now could overwrite their progress.
                Drop(partitions.Select(p => p.TopicPartition));
                Log.Lost(logger, string.Join(",", partitions.Select(p => p.TopicPartition)));
            })
            .Build();
    }

    /// <summary>Polls into <paramref name="batch"/> until it is full or no record is waiting (the first poll waits up to <paramref name="wait"/>).</summary>
    private void ConsumeInto(IConsumer<byte[]?, byte[]?> consumer, ConsumedBatch batch, TimeSpan wait, CancellationToken stoppingToken)
    {
        while (!batch.IsFull && !stoppingToken.IsCancellationRequested && Poll(consumer, wait) is { } result)
        {
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                batch.Add(result, _epochs.Current);
            }

            wait = TimeSpan.Zero;
        }
    }

    /// <summary>One poll for the client's sake; a record it returns anyway goes back to be fetched again later.</summary>
    private void PollOnly(IConsumer<byte[]?, byte[]?> consumer, TimeSpan wait)
    {
        if (Poll(consumer, wait) is { IsPartitionEOF: false, Message: not null } result)
        {
            consumer.Seek(result.TopicPartitionOffset);
        }
    }

    /// <summary>One <c>Consume</c>: null when it timed out or met a non-fatal error; a fatal client error stops the loop.</summary>
    private ConsumeResult<byte[]?, byte[]?>? Poll(IConsumer<byte[]?, byte[]?> consumer, TimeSpan wait)
    {
        ConsumeResult<byte[]?, byte[]?>? result;
        try
        {
            result = consumer.Consume(wait);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            // librdkafka recovers from non-fatal consume errors (a partition leader moving) by itself.
            health.ClientError(ex.Error.Reason);
            Log.ClientError(logger, ex.Error.Code.ToString(), ex.Error.Reason);
            return null;
        }

        health.Polled(result is not null);
        if (_fatalClientError is { } fatal)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fatal, fatal, isFatal: true));
        }

        return result;
    }

    /// <summary>
    /// Handles the batch's records from where it stopped, in order; false when it stopped again because half of the
    /// outputs' in-flight bound is unacknowledged (the loop then pauses fetching, as <see cref="Throttle"/> says).
    /// </summary>
    private bool HandleBatch(IConsumer<byte[]?, byte[]?> consumer, ConsumedBatch batch)
    {
        batch.WaitParsed();
        while (batch.Next < batch.Count)
        {
            if (OutputsBacklogged)
            {
                return false;
            }

            var i = batch.Next++;
            var result = batch.Result(i);
            if (_epochs.IsStale(result.TopicPartition, batch.Epoch(i)))
            {
                continue;
            }

            CheckReset(consumer, result);
            Handle(result, batch.Parsed(i));
            health.Handled();
        }

        return true;
    }

    private bool OutputsBacklogged => publisher.InFlight * 2 >= options.MaxInFlight;

    private void Handle(ConsumeResult<byte[]?, byte[]?> result, ParseResult parsed)
    {
        var started = time.GetTimestamp();
        var partition = result.TopicPartition;
        var offset = result.Offset.Value;
        metrics.RecordsIn.Add(1);
        var pipeline = PipelineFor(partition.Partition.Value);
        _state?.Changed(partition.Partition.Value);
        if (parsed.Record is not { } record)
        {
            pipeline.Reject(result, parsed.Rejection!);
            _tracker.RegisterProcessed(partition, offset);
            return;
        }

        var engine = pipeline.Engine;
        RecordOutcome outcome;
        try
        {
            // The clock bounds event times too: a record dated ahead of now would hold its window (and the offset) open.
            outcome = pipeline.Process(record, result, time.GetUtcNow());
        }
        catch (RecordProcessingException ex)
        {
            // Per record: a record that breaks the engine must not stop the partition (a restart would meet it again,
            // a crash loop). A failing output is not caught here: it stops the worker.
            Log.ProcessingFailed(logger, result.Topic, partition.Partition.Value, offset, ex.InnerException ?? ex);
            pipeline.Reject(result, new Rejection(RejectionCode.ProcessingError, null, ex.Message));
            _tracker.RegisterProcessed(partition, offset);
            return;
        }

        switch (outcome)
        {
            case RecordOutcome.Accepted:
                _tracker.Register(partition, offset, engine.WindowStartOf(record.Timestamp).UtcTicks);
                break;
            case RecordOutcome.LabelJoined:
                // The label changed a window no newer than the one stream time is in.
                _tracker.Register(partition, offset, engine.WindowStartOf(engine.StreamTime ?? record.Timestamp).UtcTicks);
                break;
            case RecordOutcome.LabelPending:
                // A waiting label is needed until the label horizon has passed in stream time.
                _tracker.Register(partition, offset, engine.WindowStartOf((engine.StreamTime ?? record.Timestamp) + engineOptions.LabelHorizon).UtcTicks);
                break;
            case RecordOutcome.Late:
            case RecordOutcome.LabelLate:
                metrics.Late.Add(1);
                _tracker.RegisterProcessed(partition, offset);
                break;
            case RecordOutcome.Duplicate:
            case RecordOutcome.FutureTimestamp:
            case RecordOutcome.KeyOverflow:
                _tracker.RegisterProcessed(partition, offset);
                break;
            default:
                throw new UnreachableException($"Unhandled outcome {outcome}.");
        }

        if (outcome is not (RecordOutcome.Late or RecordOutcome.LabelLate or RecordOutcome.FutureTimestamp or RecordOutcome.KeyOverflow))
        {
            metrics.Valid.Add(1);
        }

        CloseFinishedWindows(partition.Partition.Value, engine);
        metrics.ProcessingLatency.Record(time.GetElapsedTime(started).TotalMilliseconds);
    }

    private void CloseFinishedWindows(int partitionNumber, WindowEngine engine)
    {
        if (engine.StreamTime is not { } streamTime)
        {
            return;
        }

        // Everything before the oldest window the engine still holds (and before stream time's own window) is final.
        var limit = engine.WindowStartOf(streamTime).UtcTicks;
        if (engine.OldestOpenWindowStart is { } oldest)
        {
            limit = Math.Min(limit, oldest.UtcTicks);
        }

        // Per record, so only when the limit moved: a record the same engine accepted is never held by a window
        // before it (that window would be open), so nothing new can have become closable below an unchanged limit.
        if (_closedThrough.TryGetValue(partitionNumber, out var last) && ReferenceEquals(last.Engine, engine) && last.Limit == limit)
        {
            return;
        }

        _closedThrough[partitionNumber] = (engine, limit);
        foreach (var partition in _tracker.Partitions)
        {
            if (partition.Partition.Value == partitionNumber)
            {
                _tracker.CloseWindowsThrough(partition, limit - 1);
            }
        }
    }

    // One store for every partition's evaluator: a silence posted to the API applies to all of them.
    private PartitionPipeline NewPipeline() =>
        MonitorPipeline.Create(new WindowEngine(engineOptions), rules, engineOptions, parserOptions, _outputs!, silences);

    private void Install(int partitionNumber, PartitionPipeline pipeline) => _pipelines[partitionNumber] = pipeline;

    private PartitionPipeline PipelineFor(int partitionNumber)
    {
        if (!_pipelines.TryGetValue(partitionNumber, out var pipeline))
        {
            pipeline = NewPipeline();
            Install(partitionNumber, pipeline);
        }

        return pipeline;
    }

    // Blocks only while the publisher's in-flight bound is reached: back-pressure instead of dropping.
    private void Publish(OutgoingRecord record) =>
        publisher.PublishAsync(record, _stopping).AsTask().GetAwaiter().GetResult();

    private void StoreCommittable(IConsumer<byte[]?, byte[]?> consumer, bool drain = false)
    {
        // A record the publisher gave up on is not on its topic: stop rather than commit past it.
        if (publisher.Fault is { } fault)
        {
            health.ProducerFailed();
            throw new RecordPublishException(fault.Message, fault);
        }

        // The metrics sink is best effort with its own buffer, retries and drop policy: ask it to flush, never wait for
        // it (a 30 s InfluxDB outage stalled ingestion 34 s when every commit waited). A flush that failed is rethrown.
        if (_sinkFlush.IsCompleted)
        {
            _sinkFlush.GetAwaiter().GetResult();
            _sinkFlush = sink.FlushAsync(CancellationToken.None);
        }

        // The archive is a durable output: its lines reach the disk before the offsets that would skip their records.
        archive?.Flush();
        // With the state in the changelog, what has been processed is committable: a restart resumes from the state.
        // Handed over without waiting: these offsets are stored once the changelog has the state (the gate below).
        var snapshots = _state?.Save(_assigned, _tracker, _pipelines);
        var committable = _state is null
            ? _tracker.CommittableOffsets()
            : [.. _tracker.Partitions.Select(p => (Partition: p, Offset: _tracker.ProcessedOffset(p))).Where(p => p.Offset is not null).Select(p => new TopicPartitionOffset(p.Partition, new Offset(p.Offset!.Value)))];
        // Durable outputs on Kafka (incidents, review requests, dead letters): these offsets wait until every record
        // handed to the publisher so far is acknowledged, without holding the loop.
        _deliveries.Add(publisher.Statistics.Accepted, committable, snapshots);
        if (drain)
        {
            WaitForDeliveries();
        }

        var stored = new List<TopicPartitionOffset>();
        foreach (var offset in _deliveries.Release(publisher.AcknowledgedThrough))
        {
            if (_assigned.Contains(offset.TopicPartition))
            {
                consumer.StoreOffset(offset);
                stored.Add(offset);
            }
        }

        UpdateLag(consumer);
        if (stored.Count > 0 && logger.IsEnabled(LogLevel.Debug))
        {
            Log.Stored(logger, string.Join(",", stored));
        }
    }

    private void WaitForDeliveries()
    {
        // Half the shutdown bound: the final commit and the consumer's close must still fit in the host's stop.
        using var budget = new CancellationTokenSource(options.ShutdownTimeout / 2, time);
        try
        {
            publisher.FlushAsync(budget.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Not acknowledged in time: the commit stops before their records, which a restart consumes again.
            Log.DeliveriesOutstanding(logger, publisher.Statistics.InFlight, options.ShutdownTimeout / 2);
        }
        catch (RecordPublishException)
        {
            health.ProducerFailed();
            throw;
        }

        try
        {
            _deliveries.Snapshots.WaitAsync(budget.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            StateLog.SnapshotsOutstanding(logger, options.ShutdownTimeout / 2);
        }
    }

    private void Throttle(IConsumer<byte[]?, byte[]?> consumer)
    {
        // Back-pressure without blocking: with half the in-flight bound unacknowledged, stop fetching but keep polling
        // (heartbeats, rebalances, liveness); fetch again once a quarter is left. Pause keeps each partition's position.
        var inFlight = publisher.InFlight;
        if (!_paused && OutputsBacklogged)
        {
            _paused = true;
            Log.Paused(logger, inFlight);
        }
        else if (_paused && inFlight * 4 <= options.MaxInFlight)
        {
            _paused = false;
            consumer.Resume(_assigned);
            Log.Resumed(logger, inFlight);
        }

        if (_paused && _assigned.Count > 0)
        {
            // Again each pass: a partition assigned while paused must not start fetching.
            consumer.Pause(_assigned);
        }
    }

    private void CheckReset(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_resets.Check(consumer, result.TopicPartitionOffset) is { } reset)
        {
            metrics.OffsetResets.Add(1, new KeyValuePair<string, object?>("topic", reset.Topic));
            Log.OffsetReset(logger, reset.Topic, reset.Partition, reset.Expected, reset.Actual, reset.LowWatermark);
        }
    }

    private void UpdateLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        long lag = 0;
        foreach (var partition in _assigned)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            if (high != Offset.Unset && position != Offset.Unset)
            {
                lag += Math.Max(0, high.Value - position.Value);
            }
        }

        metrics.SetLag(lag);
    }

    private void CommitStored(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // Nothing new to commit is reported as an error too; a real failure is retried by the next commit.
            if (ex.Error.Code != ErrorCode.Local_NoOffset)
            {
                Log.CommitFailed(logger, ex.Error.Reason);
            }
        }
    }

    private void Drop(IEnumerable<TopicPartition> partitions)
    {
        var dropped = partitions.ToList();
        _epochs.Touch(dropped);
        foreach (var partition in dropped)
        {
            _assigned.Remove(partition);
            _tracker.Remove(partition);
            _deliveries.Forget(partition);
            _resets.Forget(partition);
            // The engine is shared by the topics' partitions with this number; the new owner rebuilds it.
            _pipelines.Remove(partition.Partition.Value);
            _closedThrough.Remove(partition.Partition.Value);
            _state?.Forget(partition.Partition.Value);
        }

        health.Assigned(_assigned.Count);
    }

    /// <summary>The durable outputs on Kafka: dead letters, incidents and review requests, each on its topic.</summary>
    private sealed class TopicOutput(Action<OutgoingRecord> publish, KafkaWorkerOptions options, int maxRecordBytes) : MonitorOutput<ConsumeResult<byte[]?, byte[]?>>
    {
        public override void DeadLetter(ConsumeResult<byte[]?, byte[]?> origin, Rejection rejection) =>
            publish(DeadLetterHeaders.Create(
                options.DeadLetterTopic,
                rejection.Code.ToWire(),
                origin.Message.Key,
                origin.Message.Value,
                origin.Topic,
                origin.Partition.Value,
                origin.Offset.Value,
                rejection.Message,
                maxRecordBytes));

        // Keyed by the deterministic incident id: a replay after a crash re-emits the same key, consumers de-duplicate.
        public override void Incident(Incident incident) =>
            publish(new OutgoingRecord(options.IncidentTopic, System.Text.Encoding.UTF8.GetBytes(incident.Id), JsonBytes.Of(w => IncidentJson.Write(w, incident))));

        public override void Review(ReviewItem item) =>
            publish(new OutgoingRecord(options.ReviewTopic, System.Text.Encoding.UTF8.GetBytes(item.Record.EventId), ReviewItemJson.ToBytes(item)));
    }

    /// <summary>The metrics sink (InfluxDB, metrics.lp): best effort, with its own buffer and drop policy.</summary>
    private sealed class SinkOutput(IMetricsSink sink) : MonitorOutput<ConsumeResult<byte[]?, byte[]?>>
    {
        public override void Window(Engine.Windows.WindowResult window) => sink.Write(window);
    }

    /// <summary>The event-day archive of windows and incidents (a durable output, flushed before offsets are stored).</summary>
    private sealed class ArchiveOutput(WindowArchive archive) : MonitorOutput<ConsumeResult<byte[]?, byte[]?>>
    {
        public override void Window(Engine.Windows.WindowResult window) => archive.Append(window);

        public override void Incident(Incident incident) => archive.Append(incident);
    }

    /// <summary>The worker's own meters and logs of what the pipeline produced.</summary>
    private sealed class MetricsOutput(WorkerMetrics metrics, ILogger logger) : MonitorOutput<ConsumeResult<byte[]?, byte[]?>>
    {
        public override void DeadLetter(ConsumeResult<byte[]?, byte[]?> origin, Rejection rejection)
        {
            var reason = rejection.Code.ToWire();
            metrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
            Log.DeadLettered(logger, origin.Topic, origin.Partition.Value, origin.Offset.Value, reason);
        }

        public override void Window(Engine.Windows.WindowResult window)
        {
            metrics.WindowsClosed.Add(1);
            Log.WindowClosed(logger, window.Key.Model, window.Key.Variant, window.Key.Slice, window.Kind.ToString(), window.WindowStart, window.WindowEnd, window.Count);
        }

        public override void Incident(Incident incident) =>
            metrics.Incidents.Add(1, new KeyValuePair<string, object?>("status", incident.Status.ToString().ToLowerInvariant()));

        public override void Review(ReviewItem item) => metrics.ReviewRequests.Add(1);
    }
}
