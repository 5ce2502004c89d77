namespace NemoVideo.Module.Completion
{
    /// <summary>The -Resolution values (ValidateSet gives tab completion for free); the service reads each as a height.</summary>
    public static class Resolutions
    {
        public const string R2160 = "2160p";
        public const string R1440 = "1440p";
        public const string R1080 = "1080p";
        public const string R720 = "720p";
        public const string R480 = "480p";
        public const string R360 = "360p";
    }
}
