namespace NemoVideo.Module { internal static class Placeholder { } }
