import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSentimentScorer, scoreSentiment } from "../index.ts";

const c = (text: string) => scoreSentiment(text).compound;

describe("sentiment scorer", () => {
  it("rates plainly positive and negative feedback on the right side, with a label", () => {
    expect(scoreSentiment("I love this product, it is excellent")).toMatchObject({ label: "positive" });
    expect(scoreSentiment("This is a terrible, awful experience")).toMatchObject({ label: "negative" });
    expect(scoreSentiment("The meeting is on Tuesday at 3pm")).toEqual({
      compound: 0,
      pos: 0,
      neu: 1,
      neg: 0,
      label: "neutral",
    });
  });

  it("flips negated sentiment: not good, isn't great, never liked, n't contractions", () => {
    expect(c("The dashboard is good")).toBeGreaterThan(0);
    expect(c("The dashboard is not good")).toBeLessThan(0);
    expect(c("The new editor isn't great")).toBeLessThan(0);
    expect(c("I never liked the reporting")).toBeLessThan(0);
    expect(c("It doesnt help")).toBeLessThan(0);
    expect(c("It wasn’t helpful")).toBeLessThan(0); // curly apostrophe
    expect(c("Not bad at all")).toBeGreaterThan(0);
    expect(c("not a good idea")).toBeLessThan(0); // negation reaches past the article
  });

  it("flips twice only for adjacent negators: each 'don't' in 'don't care, don't care' negates its own word", () => {
    expect(c("don't care don't care don't care")).toBeLessThan(c("don't care"));
    expect(c("I don't not like it")).toBeGreaterThan(0);
  });

  it("lets a negated opinion verb negate its clause: 'I don't think it is good'", () => {
    expect(c("I don't think the new dashboard is good")).toBeLessThan(0);
    expect(c("I do not believe that this was worth it")).toBeLessThan(0);
    expect(c("I don't think so. The new dashboard is good")).toBeGreaterThan(0); // not past the sentence
    expect(c("I think the new dashboard is good")).toBeGreaterThan(0);
  });

  it("ends negation scope at punctuation and at a contrast word", () => {
    expect(c("Not sure about the pricing. Great product though")).toBeGreaterThan(0);
    expect(c("I was not sure, but the results are great")).toBeGreaterThan(0.3);
    expect(c("No. Great product!")).toBeGreaterThan(0); // "no" too stops at its clause
    expect(c("No, I love it")).toBeGreaterThan(0);
    expect(c("no fun at all")).toBeLessThan(0);
  });

  it("does not negate in 'not only', 'no doubt' or 'nothing short of'", () => {
    expect(c("Not only fast but also reliable")).toBeGreaterThan(0);
    expect(c("No doubt the best tool we use")).toBeGreaterThan(0);
    expect(c("The migration was nothing short of amazing")).toBeGreaterThan(c("The migration was amazing"));
  });

  it("negates after 'far from', 'lacks' and 'fails to'", () => {
    expect(c("The documentation is far from perfect")).toBeLessThan(0);
    expect(c("The report lacks clarity")).toBeLessThan(0);
    expect(c("The update fails to impress")).toBeLessThan(0);
  });

  it("strengthens with intensifiers and weakens with dampeners", () => {
    const plain = c("The support team was helpful");
    expect(c("The support team was very helpful")).toBeGreaterThan(plain);
    expect(c("The support team was extremely helpful")).toBeGreaterThan(plain);
    expect(c("The support team was slightly helpful")).toBeLessThan(plain);
    expect(c("The support team was slightly helpful")).toBeGreaterThan(0);
    expect(c("The release is extremely bad")).toBeLessThan(c("The release is bad"));
    expect(c("It is kind of good")).toBeLessThan(c("It is good"));
    expect(c("the kind of fun app")).toBe(c("the fun app")); // a noun after "the", not a dampener
  });

  it("weighs what 'but', 'however' and 'although' concede at a fifth, what they assert in full", () => {
    expect(c("The UI is great but the support is terrible")).toBeLessThan(0);
    expect(c("The support is terrible but the UI is great")).toBeGreaterThan(0);
    expect(c("The UI is great. However, the support is terrible")).toBeLessThan(0);
    expect(c("Although the UI is great, the support is terrible")).toBeLessThan(0);
    expect(c("The support is terrible, although the UI is great")).toBeLessThan(0);
    expect(c("It was expensive, but worth it")).toBeGreaterThan(0);
    // The asserted clause keeps its weight: "but" does not make "slow" worse than it is on its own.
    expect(c("Onboarding was smooth, but support was slow")).toBeGreaterThan(c("Support was slow"));
    expect(c("Onboarding was smooth, but support was slow")).toBeLessThan(0);
  });

  it("reads counterfactuals as unmet expectations", () => {
    expect(c("The rollout should have been easy")).toBeLessThan(0);
    expect(c("It tries to be clever")).toBeLessThan(0);
    expect(c("I wish it were easier to export")).toBeLessThan(0);
    expect(c("I wish you a happy new year")).toBeGreaterThan(0.5); // a wish for someone, not a regret
  });

  it("weighs a clause opened by 'if' or 'unless' as a supposition, half", () => {
    const plain = createSentimentScorer(undefined, { method: { conditionals: false } });
    const text = "If the sync worked I would be happy";
    expect(c(text)).toBeGreaterThan(0);
    expect(c(text)).toBeLessThan(plain(text).compound);
    expect(c("It works even if the setup is awful")).toBe(plain("It works even if the setup is awful").compound);
  });

  it("emphasises ALL-CAPS words among lower-case ones, and exclamation marks", () => {
    expect(c("This release is GREAT")).toBeGreaterThan(c("This release is great"));
    expect(c("This release is great!!!")).toBeGreaterThan(c("This release is great"));
    expect(c("THIS RELEASE IS GREAT")).toBeGreaterThan(0);
    expect(c("Why is it broken??")).toBeLessThan(0);
  });

  it("reads '!' after praise as enthusiasm: it adds more than the same '!' after a complaint takes away", () => {
    const praise = c("great release!") - c("great release");
    const complaint = c("awful release") - c("awful release!");
    expect(praise).toBeGreaterThan(complaint);
    expect(complaint).toBeGreaterThan(0);
  });

  it("lets each further word of one polarity add a little less", () => {
    const noDiminishing = createSentimentScorer(undefined, { method: { diminishing: false } });
    const text = "good, nice, great, lovely, helpful and friendly staff";
    expect(c(text)).toBeGreaterThan(0);
    expect(c(text)).toBeLessThan(noDiminishing(text).compound);
  });

  it("halves praise in a question, but not a complaint: 'why is it so slow?' still complains", () => {
    expect(c("Is the new editor good?")).toBeLessThan(c("The new editor is good"));
    expect(c("Why is the export so slow?")).toBeCloseTo(c("The export is so slow"), 1);
  });

  it("scores emoji and emoticons, attached to words or not", () => {
    expect(c("😀")).toBeGreaterThan(0.3);
    expect(c("😡")).toBeLessThan(-0.3);
    expect(c("new release😍😍")).toBeGreaterThan(0.3);
    expect(c("👍🏽")).toBeGreaterThan(0); // skin tone modifier
    expect(c("works now :)")).toBeGreaterThan(0);
    expect(c("down again :(")).toBeLessThan(0);
    expect(c("I <3 it")).toBeGreaterThan(0);
    expect(c("I &lt;3 it")).toBeGreaterThan(0); // HTML-escaped heart
  });

  it("tells 'D:' (dismay) from 'd:' and ':D'", () => {
    expect(c("the finale D:")).toBeLessThan(-0.3);
    expect(c("the finale D=")).toBeLessThan(-0.3);
    expect(c("the finale :D")).toBeGreaterThan(0.3);
  });

  it("keeps emoticons and laughter out of negation and counterfactuals: they are the writer's mood", () => {
    expect(c("Wanted to buy the CD :(")).toBeLessThan(0);
    expect(c("no signal :(")).toBeLessThan(0);
    expect(c("IM NOT THE LATTER LOL")).toBeGreaterThan(0);
    const vaderScope = createSentimentScorer(undefined, { method: { faces: false } });
    expect(vaderScope("Wanted to buy the CD :(").compound).toBeGreaterThan(0);
  });

  it("knows common slang", () => {
    expect(c("lol")).toBeGreaterThan(0);
    expect(c("gr8 job")).toBeGreaterThan(0);
    expect(c("meh")).toBeLessThan(0);
    expect(c("this sux")).toBeLessThan(0);
    expect(c("sooooo good")).toBeGreaterThan(c("good"));
    expect(c("goood")).toBeGreaterThan(c("good")); // not Hu & Liu's milder "goood"
    expect(c("haaappy")).toBeGreaterThan(c("happy")); // the double "pp" kept
    expect(c("lovin it")).toBeGreaterThan(0.3); // a dropped g
    expect(c("amazin'")).toBeGreaterThan(0.3);
    expect(c("freaking love that song")).toBeGreaterThan(c("love that song")); // a degree word here
    expect(c("fucking love that song")).toBeGreaterThan(c("love that song"));
  });

  it("reads idioms as wholes", () => {
    expect(c("What a waste of time")).toBeLessThan(c("What a waste"));
    expect(c("Can't wait for the next release")).toBeGreaterThan(0);
    expect(c("The demo fell flat")).toBeLessThan(0);
    expect(c("Worth every penny")).toBeGreaterThan(0.5);
  });

  it("reads 'too' before a plain word as a complaint", () => {
    expect(c("The font is too small")).toBeLessThan(0);
    expect(c("Setup takes too many clicks")).toBeLessThan(0);
    expect(c("Love it, me too")).toBe(c("Love it, me"));
    expect(c("This is too good")).toBeGreaterThan(0);
  });

  it("tells 'like' the verb from 'like' the preposition", () => {
    expect(c("I like the new dashboard")).toBeGreaterThan(0);
    expect(c("It looks like a dashboard")).toBe(0);
    expect(c("I didn't like the new dashboard")).toBeLessThan(0);
    expect(c("I'd like to request an invoice")).toBe(0);
  });

  it("understands B2B software feedback", () => {
    expect(c("Another outage this week")).toBeLessThan(-0.3);
    expect(c("Too much downtime")).toBeLessThan(0);
    expect(c("The app is buggy and keeps crashing")).toBeLessThan(-0.5);
    expect(c("Support was slow to respond")).toBeLessThan(0);
    expect(c("support was slow")).toBeLessThan(0);
    expect(c("The export doesn't work")).toBeLessThan(0);
    expect(c("Onboarding was smooth and the UI is intuitive")).toBeGreaterThan(0.5);
    expect(c("Seamless integration with our CRM")).toBeGreaterThan(0);
    expect(c("This tool is a game changer")).toBeGreaterThan(0.5);
    expect(c("We are thinking about churn")).toBeLessThan(0);
    expect(c("I need to contact support")).toBe(0); // "support" is the team here, not approval
  });

  it("knows opinion words VADER never rated, from Hu & Liu's lexicon, milder than rated ones", () => {
    const withoutOpinion = createSentimentScorer(undefined, { lexicon: { opinion: false } });
    expect(withoutOpinion("The onboarding videos were tedious").compound).toBe(0);
    expect(c("The onboarding videos were tedious")).toBeLessThan(0);
    expect(c("A sturdy, versatile and roomy bag")).toBeGreaterThan(0.3);
    expect(c("The fabric is not flimsy")).toBeGreaterThan(0); // negated like any other word
    // Words VADER rates keep VADER's rating: "terrible" is as negative with or without the layer.
    expect(c("The report was terrible")).toBe(withoutOpinion("The report was terrible").compound);
    expect(Math.abs(c("The report was tedious"))).toBeLessThan(Math.abs(c("The report was terrible")));
  });

  it("lets a tenant add its own words and phrases, and override built-in ones", () => {
    const text = "We use the flux capacitor daily";
    expect(c(text)).toBe(0);
    // "sticky" is a complaint in Hu & Liu's opinion words; for this tenant a sticky header is a feature.
    const tenant = createSentimentScorer({ "flux capacitor": 2.5, sticky: 2 });
    expect(tenant(text).compound).toBeGreaterThan(0.3);
    expect(tenant("The new header is sticky").compound).toBeGreaterThan(0);
    expect(tenant("We have not seen the flux capacitor").compound).toBeLessThan(0); // negation reaches a phrase
    const override = createSentimentScorer({ outage: 0 });
    expect(override("Planned outage on Sunday").compound).toBe(0);
    // The default scorer is untouched.
    expect(c("The new header is sticky")).toBeLessThan(0);
  });

  it("never throws, and stays within range, on empty, blank, very long, odd or non-English input", () => {
    for (const text of ["", "   ", "\n\t\r", "!!!", "???", "...", "😀", "\uD83D", "\uDE00abc", "a\u0000b"]) {
      const s = scoreSentiment(text);
      expect(Math.abs(s.compound)).toBeLessThanOrEqual(1);
    }
    expect(scoreSentiment("")).toEqual({ compound: 0, pos: 0, neu: 0, neg: 0, label: "neutral" });
    expect(c("这是一个很好的产品")).toBe(0);
    expect(c("Это очень хороший продукт")).toBe(0);
    expect(c("İSTANBUL çok güzel")).toBe(0);
    expect(() => scoreSentiment(undefined as unknown as string)).not.toThrow();

    const long = "The product is great and the support is helpful. ".repeat(20_000);
    const s = scoreSentiment(long);
    expect(s.label).toBe("positive");
    expect(s.compound).toBeLessThanOrEqual(1);
    expect(c(`${"word ".repeat(200_000)}terrible`)).toBeLessThan(0);
  });

  it("keeps compound within [-1, 1] and the shares summing to 1 for any input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 200 }), (text) => {
        const s = scoreSentiment(text);
        expect(s.compound).toBeGreaterThanOrEqual(-1);
        expect(s.compound).toBeLessThanOrEqual(1);
        const total = s.pos + s.neu + s.neg;
        expect(total === 0 || Math.abs(total - 1) < 0.01).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
