namespace NemoVideo.Client { internal static class Placeholder { } }
