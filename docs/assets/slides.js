/* Start reveal.js for a lesson deck: 1280×720, arrow keys and clicker keys (PageUp/PageDown),
   F for full screen, S for the speaker view with the trainer notes. Works from file://. */
Reveal.initialize({
  width: 1280,
  height: 720,
  margin: 0.04,
  hash: true,
  transition: "none",   // calmer for older eyes, lighter for old projectors' laptops
  slideNumber: "c/t",
  scrollActivationWidth: null, // projector decks: no phone scroll view (the lesson page is for phones)
  plugins: [RevealNotes]
});
