namespace NemoVideo.Module.Handlers
{
    /// <summary>Progress activity ids: a parent bar for the whole command and one child bar per item.</summary>
    internal static class ProgressIds
    {
        public const int Command = 1;

        /// <summary>Children are numbered from here so parallel items (Compress-NemoVideo) get a bar each.</summary>
        public const int FirstItem = 10;
    }
}
