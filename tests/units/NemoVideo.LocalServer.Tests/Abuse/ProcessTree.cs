namespace NemoVideo.LocalServer.Tests.Abuse;

/// <summary>Processes as Linux's /proc shows them: children, command names and states (R, S, T for stopped, Z).</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int processId)
    {
        var byParent = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat)
            {
                (byParent.TryGetValue(stat.Parent, out var list) ? list : byParent[stat.Parent] = []).Add(pid);
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([processId]);
        while (queue.Count > 0)
        {
            foreach (var child in byParent.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    public static string? Name(int processId) => Stat(processId)?.Name;

    /// <summary>Running in any state but zombie (a zombie has ended; it only waits to be reaped).</summary>
    public static bool IsAlive(int processId) => Stat(processId) is { State: not 'Z' and not 'X' };

    public static char? State(int processId) => Stat(processId)?.State;

    private static (string Name, char State, int Parent)? Stat(int processId)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{processId}/stat");
            var open = text.IndexOf('(');
            var close = text.LastIndexOf(')');
            var rest = text[(close + 2)..].Split(' ');
            return (text[(open + 1)..close], rest[0][0], int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
