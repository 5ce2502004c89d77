#!/bin/bash
# Lever measurement for the engine's rate control: x264 two-pass (the engine's settings: fast first pass, medium,
# -tune ssim), an untuned two-pass medium (what plain ffmpeg users run), and one-pass ABR at presets medium, fast and
# faster. Video only, aimed like the engine (97.5 % of the cap less 16 bytes a frame and 4 KiB of container).
# Prints CPU seconds (user+sys: the machine is shared) and each variant's CPU ÷ the engine's two-pass, size ÷ cap, SSIM.
# Usage: bench/levers/rate-control.sh <clip> <ceiling share, e.g. 0.10>; writes to $LEVER_OUT (default /tmp/nemo-levers).
set -u
clip=$(realpath "$1"); share=$2; out=${LEVER_OUT:-/tmp/nemo-levers}/$(basename "$clip").$share; mkdir -p "$out"; cd "$out"
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$clip")
frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$clip")
cap=$(python3 -c "print(int($(stat -c %s "$clip")*$share))")
rate=$(python3 -c "print(int(($cap*0.975-16*$frames-4096)*8/$dur))")
FP="ref=1:subme=2:me=dia:partitions=none:trellis=0:8x8dct=0:fast-pskip=1"
cpu(){ /usr/bin/time -f "%U %S" -o cpu.txt "$@" >/dev/null 2>&1; awk '{print $1+$2}' cpu.txt; }
ssim(){ ffmpeg -hide_banner -nostdin -nostats -i "$1" -i "$clip" -lavfi "[0:v]setpts=PTS-STARTPTS[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]ssim" -f null - 2>&1 | grep -o 'All:[0-9.]*' | cut -d: -f2; }
line(){ echo "  $1: cpu $2 s ($(python3 -c "print(round($2/$base,2))") of the engine's two-pass), size/cap $(python3 -c "print(round($(stat -c %s "$3")/$cap,3))"), ssim $(ssim "$3")"; }
echo "$(basename "$clip") at ${share}: cap $cap B, video $rate b/s"
x264=(-an -c:v libx264 -pix_fmt yuv420p -b:v "$rate")
base=$(python3 -c "print($(cpu ffmpeg -y -nostdin -i "$clip" "${x264[@]}" -preset medium -tune ssim -pass 1 -passlogfile p -x264-params $FP -f null -) + $(cpu ffmpeg -y -nostdin -i "$clip" "${x264[@]}" -preset medium -tune ssim -pass 2 -passlogfile p two.mp4))")
line "engine two-pass" "$base" two.mp4
plain=$(python3 -c "print($(cpu ffmpeg -y -nostdin -i "$clip" "${x264[@]}" -preset medium -pass 1 -passlogfile q -f null -) + $(cpu ffmpeg -y -nostdin -i "$clip" "${x264[@]}" -preset medium -pass 2 -passlogfile q plain.mp4))")
line "untuned two-pass medium" "$plain" plain.mp4
for preset in medium fast faster; do
  line "one-pass ABR $preset" "$(cpu ffmpeg -y -nostdin -i "$clip" "${x264[@]}" -preset $preset -tune ssim one-$preset.mp4)" one-$preset.mp4
done
