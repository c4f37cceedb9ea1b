using CompressionSafety.MockBroker;

// librdkafka's mock cluster in a process of its own, so a test can kill and restart the worker while the broker and
// its data stay up. Protocol on stdin/stdout: see BrokerConsole.
return BrokerConsole.Run(Console.In, Console.Out, args);
