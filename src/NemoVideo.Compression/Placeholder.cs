namespace NemoVideo.Compression; internal static class Placeholder { }
