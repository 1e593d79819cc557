using System.Globalization;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// The CPU time the engine has collected from the processes it waited for (its tools, with all their descendants), read
/// from Linux's <c>/proc</c>: the engine is the only child of the shell the worker starts (<see cref="CwlEngine.CommandLine"/>).
/// </summary>
internal static class EngineCpu
{
    /// <summary>Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux architecture .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <returns>Seconds, or null when it cannot be read (not Linux, or the engine has ended).</returns>
    public static double? ReapedSeconds(int shellPid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{shellPid}/task/{shellPid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (children.Length == 0 || !int.TryParse(children[0], out var enginePid)) return null;
            var stat = File.ReadAllText($"/proc/{enginePid}/stat");
            // Fields after the command's closing parenthesis start at field 3 (state); cutime and cstime are fields 16 and 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
