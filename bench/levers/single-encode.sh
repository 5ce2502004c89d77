#!/bin/bash
# Lever measurement: x264 two-pass (the engine's settings) vs one-pass ABR vs CRF predicted from samples + one encode.
# CPU seconds (user+sys) because the machine is shared; SSIM against the source.
# Usage: bench/levers/single-encode.sh <clip> <ceiling share, e.g. 0.10>; writes to $LEVER_OUT (default /tmp/nemo-levers).
set -u
clip=$1; share=$2; out=${LEVER_OUT:-/tmp/nemo-levers}; mkdir -p $out; cd $out
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$clip")
size=$(stat -c %s "$clip")
cap=$(python3 -c "print(int($size*$share))")
rate=$(python3 -c "print(int($cap*8/$dur*0.985))")   # video only (-an): the whole ceiling less 1.5 % for the container
X="-c:v libx264 -preset medium -profile:v high -pix_fmt yuv420p -tune ssim"
FP="ref=1:subme=2:me=dia:partitions=none:trellis=0:8x8dct=0:fast-pskip=1"
t(){ /usr/bin/time -f "%U %S" -o /tmp/t.$$ "$@" >/dev/null 2>&1; awk '{print $1+$2}' /tmp/t.$$; }
ssim(){ ffmpeg -hide_banner -nostdin -nostats -i "$1" -i "$clip" -lavfi "[0:v]setpts=PTS-STARTPTS[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]ssim" -f null - 2>&1 | grep -o 'All:[0-9.]*' | cut -d: -f2; }
a1=$(t ffmpeg -y -nostdin -i "$clip" -an $X -b:v $rate -pass 1 -passlogfile $out/p -x264-params $FP -f null -)
a2=$(t ffmpeg -y -nostdin -i "$clip" -an $X -b:v $rate -pass 2 -passlogfile $out/p two.mp4)
echo "$(basename $clip) ${share}: cap $cap B, rate $rate b/s"
echo "  two-pass : cpu $a1 + $a2 s, size/cap $(python3 -c "print(round($(stat -c %s two.mp4)/$cap,3))"), ssim $(ssim two.mp4)"
b=$(t ffmpeg -y -nostdin -i "$clip" -an $X -b:v $rate one.mp4)
echo "  one-pass ABR: cpu $b s, size/cap $(python3 -c "print(round($(stat -c %s one.mp4)/$cap,3))"), ssim $(ssim one.mp4)"
# samples: 3 windows of 1 s at 1/6, 1/2, 5/6, CRF 23, same settings
sc=0; sb=0
for f in 0.1667 0.5 0.8333; do s=$(python3 -c "print(max(0,$dur*$f-0.5))")
  c=$(t ffmpeg -y -nostdin -ss $s -t 1 -i "$clip" -an $X -crf 23 -x264-params scenecut=0 s.mp4); sc=$(python3 -c "print($sc+$c)"); sb=$((sb+$(stat -c %s s.mp4))); done
crf=$(python3 -c "import math; per=$sb/3.0; want=$rate/8.0; print(round(23+math.log(want/per)/-0.1155,2))")
c=$(t ffmpeg -y -nostdin -i "$clip" -an $X -crf $crf crf.mp4)
echo "  samples+CRF $crf: cpu $sc + $c s, size/cap $(python3 -c "print(round($(stat -c %s crf.mp4)/$cap,3))"), ssim $(ssim crf.mp4)"
