using System.Globalization;
using System.Text;

namespace CompressionSafety.Cli;

/// <summary>
/// What the tool prints, with control characters from the data made visible: a model name or a rule field holding an
/// escape sequence is shown as <c>\u001B[31m</c> instead of recolouring, moving the cursor or retitling the
/// user's terminal. Line feed, carriage return (progress lines) and tab pass through. Every verb writes through one
/// (<see cref="CliApp.InvokeAsync"/>), so no message needs to remember to escape.
/// </summary>
internal sealed class TerminalWriter : TextWriter
{
    private TerminalWriter(TextWriter inner)
    {
        Inner = inner;
    }

    /// <summary>The writer wrapped.</summary>
    public TextWriter Inner { get; }

    /// <inheritdoc />
    public override Encoding Encoding => Inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => Inner.FormatProvider;

    /// <summary><paramref name="writer"/> wrapped once (a writer already wrapped is returned as it is).</summary>
    public static TextWriter Wrap(TextWriter writer) => writer is TerminalWriter ? writer : new TerminalWriter(writer);

    /// <summary>Whether <paramref name="writer"/> is the process's standard error, wrapped or not (progress lines go only there).</summary>
    public static bool IsStandardError(TextWriter writer) =>
        ReferenceEquals(writer is TerminalWriter t ? t.Inner : writer, Console.Error);

    /// <summary><paramref name="text"/> with every control character but line feed, carriage return and tab as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            Append(sb, ch);
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (NeedsEscape(value))
        {
            Inner.Write(Visible(value));
        }
        else
        {
            Inner.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is not null)
        {
            Inner.Write(Escape(value));
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        Inner.WriteLine();
    }

    /// <inheritdoc />
    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteAsync(string? value) => Inner.WriteAsync(value is null ? null : Escape(value));

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value) => Inner.WriteLineAsync(value is null ? null : Escape(value));

    /// <inheritdoc />
    public override Task WriteLineAsync() => Inner.WriteLineAsync();

    /// <inheritdoc />
    public override void Flush() => Inner.Flush();

    /// <inheritdoc />
    public override Task FlushAsync() => Inner.FlushAsync();

    private static bool NeedsEscape(char ch) => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t');

    private static string Visible(char ch) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");

    private static void Append(StringBuilder sb, char ch)
    {
        if (NeedsEscape(ch))
        {
            sb.Append(Visible(ch));
        }
        else
        {
            sb.Append(ch);
        }
    }
}
