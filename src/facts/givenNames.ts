/**
 * Common given names from many languages, folded to lower case without accents. A name that starts with
 * one of them ("Sean Hannity") is a person even when no title or verb says so. General knowledge only:
 * the list is about first names in general, not about any story.
 */
const NAMES = `
aaron abby abdul abdullah abraham adam adrian ahmed ahmad aisha alan albert alberto alejandro aleksandr aleksei alex
alexander alexandra alexandre alexei alexey ali alice alicia alison allison amanda amber amy ana andre andrea andreas
andrei andrew andrey andy angela angelo angus ann anna anne annie anthony anton antonio april arthur ashley audrey
barack barbara barry ben benjamin bernard bernie beth betty beverly bill billy bob bobby bonnie brad bradley brandon
brenda brett brian bridget brittany bruce bruno bryan carl carla carlos carmen carol caroline carolyn catherine cathy
charles charlie charlotte chelsea cheryl chris christian christina christine christopher chuck cindy claire clara
claude claudia colin connie cory craig cynthia dan dana daniel daniela danielle danny darren dave david dean debbie
deborah debra dennis denis derek diana diane dick dimitri dmitri dmitry dominic don donald donna doris dorothy doug
douglas dylan earl ed eddie edward eileen elaine elena eleanor eli elijah elizabeth ellen emily emma emmanuel eric
erica erik ernest esther ethan eugene eva evan evelyn fatima felipe felix fernando francesca francis francisco frank
franz fred frederick gabriel gail gary gavin george georgia gerald gerard gina giovanni giuseppe gloria gordon grace
graham greg gregory hannah hans harold harriet harry hassan heather helen helena henry herbert hillary hiroshi hong
howard hugh hugo ian igor ilya irene isaac isabel isabella ivan jack jackie jacob jacques jake james jamie jan jane
janet janice jared jason javier jean jeanne jeb jeff jeffrey jennifer jenny jeremy jerome jerry jesse jessica jesus
jill jim jimmy joan joanna joe joel johann johannes john johnny jon jonathan jordan jorge jose josef joseph josh
joshua joy joyce juan judith judy julia julian julie julien juliet justin karen karl kate katherine kathleen kathryn
kathy katie keith kelly ken kenneth kevin kim kimberly kirk kristin kurt kyle lance larry laura lauren lawrence leah
lee leo leon leonard leslie lewis lily linda lindsey lisa liz lori louis louise lucas lucy luis luke lynn mahmoud
malcolm marc marcus margaret maria marie marina mario mark marko marta martha martin mary matt matthew maureen max
maxim maxine megan melanie melissa michael michelle miguel mike mikhail mitch mitt mohamed mohammad mohammed monica
muhammad nadia nancy naomi natalia natalie natasha nathan neil nick nicholas nicola nicolas nicole nikita nikolai
nina noah norman oleg olga oliver olivia omar oscar pablo pamela patricia patrick paul paula pavel pedro peggy peter
philip phillip pierre rachel ralph ramon randy ray raymond rebecca reid renee ricardo richard rick rita rob robert
roberto robin rod roger roman ron ronald rosa rose ross roy ruby russell ruth ryan sally sam samantha samuel sandra
sara sarah scott sean sebastian sergei sergey sergio seth shannon sharon shawn sheila shirley simon sofia sophia
sophie stanley stefan stephanie stephen steve steven steny stuart susan suzanne sylvia tamara tanya ted teresa terry
theodore theresa thomas tim timothy tina todd tom tommy tony tracy travis tyler valentina valerie vanessa vera
victor victoria viktor vincent viktoria vladimir walter wanda warren wayne wendy william willie wolfgang xavier
yan yasmin yuri yusuf zachary zoe
`;

const GIVEN = new Set(NAMES.trim().split(/\s+/));

/** Whether a folded, lower-case word is a common given name. */
export function isGivenName(folded: string): boolean {
  return GIVEN.has(folded);
}
