# Sourced by run.sh: every shape of gen.py scales linearly.
#
# Each shape (the pathological ones, the advisory inputs and the shapes
# that only scale, gen.py scales) is dumped at about SCALE_N bytes and at
# four times that, and the instructions that valgrind's callgrind counts
# are compared, less those of the empty document: four times the input
# may cost at most SCALE_MAX times the instructions. A count is the same
# from run to run, so this holds on any machine at any load; it finds a
# quadratic path long before a time limit or the fuzzer's input size
# could. Then each shape at SCALE_BIG bytes dumps to the end. The time
# limits below only stop a hang: they are far above any normal run even
# on a loaded machine, and never judge speed (tests/hostile/bench.sh
# times the same inputs against the 2 s target).
#
# Needs: run.sh's $gen, $tmp, $LECTERN and ok/not_ok.
SCALE_N=16384		# [bytes]
SCALE_MAX=5.5		# instructions at 4N over instructions at N
SCALE_BIG=1048576	# [bytes]
SCALE_HANG=120		# [s] a dump that takes longer hangs
SCALE_JOB=900		# [s] a callgrind run that takes longer hangs

# scale_skip WHAT: a test that cannot run here.
scale_skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n # SKIP $SUITE: $1"
}

if ! command -v valgrind >/dev/null 2>&1; then
	scale_skip "scaling: valgrind is missing (mk/deps.sh test installs it)"
else
	mkdir "$tmp/scale"
	# Counting needs no debug information, and valgrind cannot read
	# every compiler's (DWARF 5 from clang): count a copy without it.
	objcopy --strip-debug "$LECTERN" "$tmp/scale/lectern"
	$gen scale-dir "$tmp/scale" $SCALE_N $((4 * SCALE_N))
	printf '' >"$tmp/scale/empty.md"
	echo "$tmp/scale/empty.md $tmp/scale/empty.refs" >"$tmp/scale/jobs"
	for shape in $($gen scales); do
		for n in $SCALE_N $((4 * SCALE_N)); do
			echo "$tmp/scale/$shape.$n.md $tmp/scale/$shape.$n.refs" \
			    >>"$tmp/scale/jobs"
		done
	done
	# Two at a time; each writes the instructions it counted.
	xargs -P 2 -L 1 sh -c 'timeout "$0" valgrind --tool=callgrind \
	    --callgrind-out-file=/dev/null "$1" --dump -w 80 "$2" 2>&1 \
	    >/dev/null | sed -n "s/.*refs: *//p" | tr -d , >"$3"' \
	    "$SCALE_JOB" "$tmp/scale/lectern" <"$tmp/scale/jobs"
	base=$(cat "$tmp/scale/empty.refs")
	for shape in $($gen scales); do
		a=$(cat "$tmp/scale/$shape.$SCALE_N.refs")
		b=$(cat "$tmp/scale/$shape.$((4 * SCALE_N)).refs")
		if [ -z "$base" ] || [ -z "$a" ] || [ -z "$b" ]; then
			not_ok "$shape: instructions at N and 4N" \
			    "callgrind gave no count (hung, or failed)"
			continue
		fi
		# Some shapes grow in steps: judge by the sizes made.
		line=$(awk -v a="$a" -v b="$b" -v z="$base" -v max="$SCALE_MAX" \
		    -v sa="$(wc -c <"$tmp/scale/$shape.$SCALE_N.md")" \
		    -v sb="$(wc -c <"$tmp/scale/$shape.$((4 * SCALE_N)).md")" \
		    'BEGIN { r = (a > z) ? (b - z) / (a - z) : 0;
		    printf "%s %.2fx input, %.2fx instructions (%.1fM, %.1fM)",
		    r <= max * sb / sa / 4 ? "ok" : "over", sb / sa, r,
		    a / 1e6, b / 1e6 }')
		case $line in
		ok*)	ok "$shape: ${line#ok }" ;;
		*)	not_ok "$shape: ${line#over }" \
			    "at most ${SCALE_MAX}x for 4x: superlinear" ;;
		esac
	done
	rm -rf "$tmp/scale"
fi

mkdir "$tmp/scale"
$gen scale-dir "$tmp/scale" $SCALE_BIG
for shape in $($gen scales); do
	f=$tmp/scale/$shape.$SCALE_BIG.md
	timeout "$SCALE_HANG" "$LECTERN" --dump -w 80 "$f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "$shape: $((SCALE_BIG >> 20)) MB dumps"
	elif [ "$rc" -eq 124 ]; then
		not_ok "$shape: $((SCALE_BIG >> 20)) MB dumps" \
		    "no result"
	else
		not_ok "$shape: $((SCALE_BIG >> 20)) MB dumps" "status $rc"
	fi
	rm -f "$f"
done
rm -rf "$tmp/scale"
