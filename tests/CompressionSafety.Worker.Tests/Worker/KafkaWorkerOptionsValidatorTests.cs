using CompressionSafety.Worker.Options;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class KafkaWorkerOptionsValidatorTests
{
    private static KafkaWorkerOptions Valid() => new() { BootstrapServers = "localhost:9092" };

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new KafkaWorkerOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_NoBootstrapServers_FailsNamingTheSetting()
    {
        var options = Valid();
        options.BootstrapServers = "";

        var result = new KafkaWorkerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("BootstrapServers", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SessionTimeoutOutOfRange_Fails()
    {
        var options = Valid();
        options.SessionTimeout = TimeSpan.FromMilliseconds(10);

        Assert.True(new KafkaWorkerOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_DeadLetterTopicIsTheInputTopic_Fails()
    {
        var options = Valid();
        options.DeadLetterTopic = options.InferenceLogTopic;

        var result = new KafkaWorkerOptionsValidator().Validate(null, options);

        Assert.Contains("must not be an input topic", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingSecretFile_FailsWithPathButNoValue()
    {
        var options = Valid();
        options.ClientPropertyFiles["sasl.password"] = "/nonexistent/secret";

        var result = new KafkaWorkerOptionsValidator().Validate(null, options);

        Assert.Contains("/nonexistent/secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SecretFileWithTrailingNewline_ValueWithoutNewlineOverridesInline()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "s3cret\n");
            var options = Valid();
            options.ClientProperties["sasl.password"] = "inline";
            options.ClientProperties["security.protocol"] = "SASL_SSL";
            options.ClientPropertyFiles["sasl.password"] = path;

            var resolved = ClientProperties.Resolve(options);

            Assert.Equal("s3cret", resolved["sasl.password"]);
            Assert.Equal("SASL_SSL", resolved["security.protocol"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
