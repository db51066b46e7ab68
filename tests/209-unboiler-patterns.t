#!/bin/sh
# unboiler's pattern files on examples: each line of the "line" table is
# deleted between two paragraphs of a story; each of the "end" table ends
# the story (it and the reader's text after it go); each of the "keep"
# table is prose that looks a little like a pattern and stays.
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler

B='The council said that the plan would make the streets safer for all of the people who use them.'
B2='Work on the new lanes is expected to begin in the spring and to end before the close of the year.'
B3='Two members voted against it, saying that the money should have gone to the repair of old roads.'
C='I think the council is right about this, and I hope the work starts soon.'

while IFS='|' read -r kind ex; do
	case $kind in
	''|'#'*) continue ;;
	line)
		t "line: $ex" '' "$B\n$B3\n$ex\n$B2\n" "$B\n$B3\n$B2\n" ;;
	end)
		t "end: $ex" '' "$B\n$B3\n$B2\n$ex\n$C\n" "$B\n$B3\n$B2\n" ;;
	keep)
		t "keep: $ex" '' "$B\n$B3\n$ex\n$B2\n" "$B\n$B3\n$ex\n$B2\n" ;;
	esac
done <<'EOF'
# a blog engine's notes on the entry
line|This page contains a single entry by Byron published on November 6, 2012 6:33 AM.
line|Snow Days was the previous entry in this blog.
line|You can find recent content on the main index or look in the archives to find all content.
line|About this Entry
# a site's disclaimer of its links
line|The Courier is not responsible for the content of external internet sites.
line|External links are provided for reference purposes.
# newsletter forms
line|No worries, this form appears only once, and your email will never be shared.
line|Or enter your email below to get the Courier in your inbox:
line|Get our newsletter delivered straight to your inbox every morning.
# a post's furniture
line|Email ThisBlogThis!Share to TwitterShare to Facebook
line|In Networking, Social Media | No Comment
line|Posted by Jo Smith | 4 Comments
line|If you enjoyed this post, make sure you subscribe to our RSS feed.
line|November 6, 2012 10:05 pm via webReplyRetweetFavorite
line|*All fields required, your email address will be kept private
# a post's meta line
line|October 07, 2012 in Leadership, Management | Permalink
line|Posted in C++, Software Development, Talks | Leave a Comment
line|Posted in Design, Visual Art No Comments »
line|This entry was written by matt, posted on 10/18/2012 at 12:22 pm.
line|Printer-friendly version | Send to friend | Login or register to post comments
line|See a sample reprint in PDF format. Order a reprint of this article now
line|Thank you. Your reply has been submitted and will appear on the messageboard shortly.
# comment forms and counts
end|Reader Comments (3)
end|Sign in to add comments or Join (it's free and fast!)
end|Trackbacks are closed, but you can post a comment.
end|Both comments and pings are currently closed.
end|Enter your information below to add a new comment.
end|Click here to load comments.
end|Your email address will not be published. Required fields are marked *
end|Required fields are marked *
end|You may use these HTML tags and attributes: <a href=""> <b> <i>
end|Comments are now closed on The Courier.
end|Seen by Jo Smith on 07 Nov 12. There are 4 comments.
end|12 Comments
# prose
keep|The mayor said that the published figures were not responsible for the delay, and that the council would act.
keep|The new tray hides the icons that are used less often (such as BlogThis!, Collage and Movie) from the view.
keep|Posted in Kabul for two years, the officer said that the work had been the hardest of his life.
keep|She was the previous owner of the house, and she said that the street had always been a quiet one.
EOF

done_testing
