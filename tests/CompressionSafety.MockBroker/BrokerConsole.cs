using System.Globalization;
using CompressionSafety.Kafka.Mock;

namespace CompressionSafety.MockBroker;

/// <summary>
/// Hosts a <see cref="MockKafkaCluster"/> and drives it from text commands, one a line.
/// </summary>
/// <remarks>
/// On start it prints <c>bootstrap HOST:PORT[,HOST:PORT]</c>. Then each command is answered by one line, <c>ok ...</c>
/// or <c>error ...</c>: <c>topic NAME PARTITIONS</c> creates a topic, <c>down [BROKER]</c> and <c>up [BROKER]</c> take
/// brokers (all by default) down and up through the mock API (the data stays in this process), <c>quit</c> (or the end
/// of input, when the parent goes away) stops the cluster and exits 0. Argument: the broker count (default 1). The
/// group initial rebalance delay is 0, so a restarted consumer joins at once.
/// </remarks>
internal static class BrokerConsole
{
    public static int Run(TextReader input, TextWriter output, string[] args)
    {
        var brokers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        using var cluster = new MockKafkaCluster(brokers);
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        Reply(output, "bootstrap " + cluster.BootstrapServers);
        while (input.ReadLine() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (words[0] == "quit")
            {
                Reply(output, "ok quit");
                return 0;
            }

            // A bad command is answered, never fatal: the test that sent it fails on the answer, the broker stays up.
            try
            {
                Reply(output, Execute(cluster, words));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException)
            {
                Reply(output, "error " + ex.Message.ReplaceLineEndings(" "));
            }
        }

        return 0;
    }

    private static string Execute(MockKafkaCluster cluster, string[] words)
    {
        switch (words[0])
        {
            case "topic":
                cluster.CreateTopic(words[1], int.Parse(words[2], CultureInfo.InvariantCulture));
                return $"ok topic {words[1]} {words[2]}";
            case "down":
                cluster.SetBrokerDown(Broker(words));
                return "ok down";
            case "up":
                cluster.SetBrokerUp(Broker(words));
                return "ok up";
            default:
                return "error unknown command: " + words[0];
        }
    }

    private static int Broker(string[] words) =>
        words.Length > 1 ? int.Parse(words[1], CultureInfo.InvariantCulture) : -1;

    private static void Reply(TextWriter output, string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
