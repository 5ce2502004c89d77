namespace NemoVideo.Module.LoadContext; internal static class Placeholder { }
