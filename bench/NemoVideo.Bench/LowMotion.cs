namespace NemoVideo.Bench;

/// <summary>
/// lavfi sources for low-motion content, where a fixed bits-per-pixel rule shrinks the picture for nothing: a screen
/// recording, a talking-head-like shot and slides. {0}/{1} are the size, {2} a text file with a page of words
/// (drawtext needs a font: fontconfig's default, which Debian's ffmpeg brings with DejaVu). The gradients source
/// places its colour points at random unless seeded: seeded, every run and machine encodes the same picture.
/// </summary>
internal static class LowMotion
{
    public const string ScreenRecording =
        "color=c=white:s={0}x{1}:r=30,drawtext=textfile='{2}':fontsize=16:fontcolor=black:x=20:y=20:line_spacing=4,"
        + "drawbox=x='700+mod(t*60\\,400)':y=420:w=220:h=140:color=0x3060c0:t=fill,"
        + "drawtext=text='%{{pts\\:hms}}':fontsize=20:fontcolor=black:x=w-130:y=h-30";

    public const string TalkingHead =
        "gradients=s={0}x{1}:r=30:speed=0.002:c0=0x405060:c1=0x8090a0:seed=1,"
        + "drawbox=x='iw/2-160+20*sin(t*1.3)':y='ih/2-220+8*sin(t*2.1)':w=320:h=440:color=0xc09070:t=fill,"
        + "drawbox=x='iw/2-60+20*sin(t*1.3)':y='ih/2-120+8*sin(t*2.1)':w=120:h=30:color=0x302020:t=fill,noise=alls=4:allf=t";

    /// <summary>A face-like shape (oval, blinking eyes, a mouth that opens and closes) swaying gently on a slow gradient,
    /// with sensor noise: a synthetic stand-in for a talking head, as no real footage can be shipped with the benchmark.</summary>
    public const string Face =
        "gradients=s={0}x{1}:r=30:speed=0.002:c0=0x405060:c1=0x8090a0:seed=1[bg];"
        + "color=c=0xc89878:s=300x390:r=30,format=yuva420p,"
        + "geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='255*lte(hypot((X-W/2)/(W/2)\\,(Y-H/2)/(H/2))\\,1)'[face];"
        + "[bg][face]overlay=x='W/2-150+24*sin(t*1.3)':y='H/2-230+10*sin(t*2.1)':shortest=1,"
        + "drawbox=x='iw/2-80+24*sin(t*1.3)':y='ih/2-120+10*sin(t*2.1)':w=44:h='4+14*lt(mod(t\\,4)\\,3.8)':color=0x302020:t=fill,"
        + "drawbox=x='iw/2+36+24*sin(t*1.3)':y='ih/2-120+10*sin(t*2.1)':w=44:h='4+14*lt(mod(t\\,4)\\,3.8)':color=0x302020:t=fill,"
        + "drawbox=x='iw/2-50+24*sin(t*1.3)':y='ih/2+40+10*sin(t*2.1)':w=100:h='6+20*abs(sin(t*6))':color=0x602828:t=fill,"
        + "noise=alls=4:allf=t";

    public const string Slides =
        "color=c=0xf4f4f0:s={0}x{1}:r=30,drawtext=textfile='{2}':fontsize=24:fontcolor=0x202020:x=60:y=160:line_spacing=6,"
        + "drawtext=text='Slide %{{eif\\:floor(t/10)+1\\:d}}':fontsize=64:fontcolor=0x203080:x=60:y=50";

    private static readonly string[] Words =
        "the quick brown fox jumps over lazy dog compress video budget ceiling resolution ladder sample measure screen text window".Split(' ');

    public static IEnumerable<string> PageLines()
    {
        var random = new Random(1);
        return Enumerable.Range(0, 34).Select(_ => string.Join(' ', Enumerable.Range(0, 14).Select(_ => Words[random.Next(Words.Length)])));
    }
}
